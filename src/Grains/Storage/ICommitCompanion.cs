using Npgsql;

namespace Receptionist.Grains.Storage;

/// <summary>
/// A write that belongs with a grain-state write (the call-log row, the analytics contribution of the same event):
/// committed in the state write's own transaction when the grain storage can take it, after the state write when not.
/// </summary>
public interface ICommitCompanion
{
    /// <summary>
    /// Companions naming the same group are written together by one statement of the group's (see
    /// <see cref="ICommitCompanionGroup"/>) instead of one statement each; null: this one adds its own statements.
    /// </summary>
    ICommitCompanionGroup? Group => null;

    /// <summary>
    /// Adds this write's statements to the transaction that commits the grain's state. They run only when the state
    /// write itself succeeded (a stale writer's companions never run), and a failing statement fails only its own
    /// grain's write.
    /// </summary>
    void AddTo(NpgsqlBatchCommandCollection commands);

    /// <summary>The same write on its own, run after the state write by a storage that cannot join them.</summary>
    Task WriteAloneAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Writes many companions of one kind with one set-based statement: a batch of a hundred webhooks then costs the
/// database one statement per kind, not a hundred, and rows every member touches (a rollup) are updated once.
/// </summary>
public interface ICommitCompanionGroup
{
    /// <summary>
    /// Adds the statements that write all <paramref name="members"/> (companions whose <see cref="ICommitCompanion.Group"/>
    /// is this group, of state writes that won), with exactly the effect of each member's own <c>AddTo</c> in order.
    /// </summary>
    void AddTo(NpgsqlBatchCommandCollection commands, IReadOnlyList<ICommitCompanion> members);
}
