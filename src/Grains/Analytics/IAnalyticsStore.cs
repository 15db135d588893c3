namespace Receptionist.Grains.Analytics;

/// <summary>
/// The durable half of analytics: the contribution ledger (one row per call/message, the idempotency record) and the
/// rollups derived from it, changed together in one transaction per batch so they can never disagree.
/// PostgreSQL when the service is durable, memory otherwise (the pattern of <c>ICallLog</c>).
/// </summary>
public interface IAnalyticsStore
{
    /// <summary>Applies a batch of (bucketed) contributions atomically; returns the rollup rows it changed, as now stored.</summary>
    Task<RollupSnapshot> ApplyAsync(string tenantId, IReadOnlyList<LedgerEntry> contributions, CancellationToken cancellationToken = default);

    /// <summary>Every rollup row of the tenant, counting every contribution durable before the call (appended ones folded first).</summary>
    Task<RollupSnapshot> LoadAsync(string tenantId, CancellationToken cancellationToken = default);
}
