namespace Receptionist.Grains.Analytics;

/// <summary>The analytics store of the embedded (non-durable) mode: same rules as <see cref="PostgresAnalyticsStore"/>.</summary>
public sealed class InMemoryAnalyticsStore : IAnalyticsStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Tenant, ContributionKind Kind, string Sid), LedgerEntry> ledger = [];
    private readonly Dictionary<(string Tenant, RollupKey Key), RollupRow> rollups = [];
    private readonly Dictionary<(string Tenant, IvrRollupKey Key), long> ivr = [];

    public Task<RollupSnapshot> ApplyAsync(string tenantId, IReadOnlyList<LedgerEntry> contributions, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var stored = new Dictionary<(ContributionKind, string), LedgerEntry>();
            foreach (var entry in contributions)
            {
                if (ledger.TryGetValue((tenantId, entry.Contribution.Kind, entry.Contribution.Sid), out var known))
                {
                    stored[entry.Key] = known;
                }
            }

            var changes = ContributionChanges.Compute(contributions, stored);
            foreach (var entry in changes.Ledger)
            {
                ledger[(tenantId, entry.Contribution.Kind, entry.Contribution.Sid)] = entry;
            }

            var changedRows = new List<RollupRow>();
            foreach (var (key, (counts, cost)) in changes.Rollups)
            {
                var row = rollups.TryGetValue((tenantId, key), out var current)
                    ? current with { Counts = current.Counts + counts, Cost = current.Cost + cost }
                    : new RollupRow(key, counts, cost);
                rollups[(tenantId, key)] = row;
                changedRows.Add(row);
            }

            var changedIvr = new List<IvrRollupRow>();
            foreach (var (key, delta) in changes.Ivr)
            {
                var taken = ivr.GetValueOrDefault((tenantId, key)) + delta;
                ivr[(tenantId, key)] = taken;
                changedIvr.Add(new IvrRollupRow(key, taken));
            }

            return Task.FromResult(new RollupSnapshot(changedRows, changedIvr));
        }
    }

    public Task<RollupSnapshot> LoadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(new RollupSnapshot(
                [.. rollups.Where(r => r.Key.Tenant == tenantId).Select(r => r.Value)],
                [.. ivr.Where(r => r.Key.Tenant == tenantId).Select(r => new IvrRollupRow(r.Key.Key, r.Value))]));
        }
    }
}
