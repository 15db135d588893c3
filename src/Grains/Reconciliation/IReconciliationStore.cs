namespace Receptionist.Grains.Reconciliation;

/// <summary>
/// What the sweepers read (the call and message logs' unsettled rows) and what they remember between ticks
/// (<c>receptionist_reconciliation</c>, <c>0010_reconciliation.sql</c>). Written by the sweepers and by a timed-out
/// auto-reply only: nothing on the webhook path.
/// </summary>
public interface IReconciliationStore : IPendingReplies
{
    /// <summary>
    /// Up to <paramref name="limit"/> of one shard's unsettled items of <paramref name="kind"/>, oldest first: created
    /// between <paramref name="notBefore"/> and <paramref name="olderThan"/>, and never checked or due again at <paramref name="now"/>.
    /// </summary>
    Task<IReadOnlyList<Unsettled>> DueAsync(UnsettledKind kind, Shard shard, DateTimeOffset olderThan, DateTimeOffset notBefore, DateTimeOffset now,
        int limit, CancellationToken cancellationToken = default);

    /// <summary>Remembers a check's outcome; <paramref name="nextCheckAt"/> matters for <see cref="CheckOutcome.StillOpen"/> only.</summary>
    Task RecordAsync(Unsettled item, CheckOutcome outcome, DateTimeOffset nextCheckAt, string? lastStatus, CancellationToken cancellationToken = default);

    /// <summary>Forgets up to <paramref name="limit"/> items created before <paramref name="before"/>; how many it forgot.</summary>
    Task<int> PruneAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);
}

/// <summary>Where a timed-out auto-reply is handed over to the sweep.</summary>
public interface IPendingReplies
{
    /// <summary>Remembers the reply (once per inbound message) to be looked up in SignalWire from <paramref name="checkAt"/> on.</summary>
    Task AddAsync(PendingReply reply, DateTimeOffset checkAt, CancellationToken cancellationToken = default);
}

/// <summary>One sweeper's part of the SIDs: those whose hash modulo <see cref="Count"/> is <see cref="Index"/>.</summary>
public readonly record struct Shard(int Index, int Count);
