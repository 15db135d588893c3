using Npgsql;

namespace Receptionist.Grains.Storage;

/// <summary>
/// A write that belongs with a grain-state write (the call-log row, the analytics contribution of the same event):
/// committed in the state write's own transaction when the grain storage can take it, after the state write when not.
/// </summary>
public interface ICommitCompanion
{
    /// <summary>
    /// Adds this write's statements to the transaction that commits the grain's state. They run only when the state
    /// write itself succeeded (a stale writer's companions never run), and a failing statement fails only its own
    /// grain's write.
    /// </summary>
    void AddTo(NpgsqlBatchCommandCollection commands);

    /// <summary>The same write on its own, run after the state write by a storage that cannot join them.</summary>
    Task WriteAloneAsync(CancellationToken cancellationToken);
}
