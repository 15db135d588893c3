using Receptionist.Grains.Storage;

namespace Receptionist.Silo.Storage;

/// <summary>
/// One commit unit: a grain's serialized state, the version it expects to replace (null: the first write), and the
/// companion writes that commit with it. Completes with the new version once its transaction has committed.
/// </summary>
internal sealed class StateWrite(StateRowKey row, int? expectedVersion, byte[] payload, IReadOnlyList<ICommitCompanion> companions)
{
    public StateRowKey Row { get; } = row;

    public int? ExpectedVersion { get; } = expectedVersion;

    public byte[] Payload { get; } = payload;

    public IReadOnlyList<ICommitCompanion> Companions { get; } = companions;

    /// <summary>The committed version, or null when the expected version was stale (nothing of this unit was written).</summary>
    public TaskCompletionSource<int?> Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
