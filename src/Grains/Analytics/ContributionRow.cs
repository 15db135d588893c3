using Npgsql;
using Receptionist.Grains.Storage;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// An analytics contribution as a companion of its source grain's state write (a call's, a message's, a call report's, a
/// missed-call text-back's), so the contribution is durable exactly when the source's state is. Joined to the state's
/// transaction, every contribution of the batch is appended by one narrow insert (<c>analytics_appended</c>): the ledger's
/// rules (<see cref="ContributionChanges"/>) and the rollups are applied when the tenant's appended rows are folded
/// (<see cref="PostgresAnalyticsStore"/>), in the background and before every read, off the webhook's commit.
/// Alone (another grain storage), <c>writeAlone</c> sends it the way messages go (the silo's collector, then the tenant).
/// </summary>
public sealed class ContributionRow(LedgerEntry entry, Func<AnalyticsContribution, Task> writeAlone) : ICommitCompanion
{
    public LedgerEntry Entry { get; } = entry;

    /// <summary>
    /// The row's figures as appended, made here (in the source grain's turn) rather than when the batch is written: every
    /// silo's commits are written by one loop, and whatever it does waits for the next commit.
    /// </summary>
    public string Appended { get; } = AppendedContribution.ToEntry(entry);

    public AnalyticsContribution Contribution => Entry.Contribution;

    public ICommitCompanionGroup Group => Rows.Instance;

    public void AddTo(NpgsqlBatchCommandCollection commands) => Group.AddTo(commands, [this]);

    public Task WriteAloneAsync(CancellationToken cancellationToken) => writeAlone(Entry.Contribution);

    private sealed class Rows : ICommitCompanionGroup
    {
        public static readonly Rows Instance = new();

        private const string Sql = """
            INSERT INTO analytics_appended (tenant_id, kind, sid, entry)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
            """;

        /// <summary>One row per contribution (the newest of the batch, the later of equal versions, as the fold would choose).</summary>
        public void AddTo(NpgsqlBatchCommandCollection commands, IReadOnlyList<ICommitCompanion> members)
        {
            var rows = members.Cast<ContributionRow>()
                .GroupBy(r => (r.Contribution.TenantId, r.Contribution.Kind, r.Contribution.Sid))
                .Select(g => g.OrderBy(r => r.Contribution.Version).Last())
                .ToList();
            var command = new NpgsqlBatchCommand(Sql);
            var p = command.Parameters;
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Contribution.TenantId)] });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Contribution.Kind.ToColumn())] });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Contribution.Sid)] });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Appended)] });
            commands.Add(command);
        }
    }
}

public static class ContributionRows
{
    /// <summary>
    /// <paramref name="contribution"/> as a companion of its source grain's next state write. Its day is the tenant's
    /// local day, asked of the tenant only when the row joins the state's transaction (alone, the tenant's analytics
    /// grain buckets it on arrival, through the silo's collector).
    /// </summary>
    public static async Task<ContributionRow> ForAsync(AnalyticsContribution contribution, IGrainFactory grains, bool joinsStateWrites)
    {
        if (!joinsStateWrites)
        {
            return new ContributionRow(new LedgerEntry(contribution, default), Collect(grains));
        }

        var settings = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(contribution.TenantId)).GetSettings();
        return InZone(contribution, TenantDays.Zone(settings.TimeZone), grains);
    }

    /// <summary>
    /// <paramref name="contribution"/> joined to its source's state write, on its day in <paramref name="zone"/>: the
    /// tenant's zone as the source already knows it (a call learns it with its setup), so the tenant is not asked.
    /// </summary>
    public static ContributionRow InZone(AnalyticsContribution contribution, TimeZoneInfo zone, IGrainFactory grains) =>
        new(new LedgerEntry(contribution, TenantDays.Of(contribution.OccurredAt, zone)), Collect(grains));

    /// <summary>The silo's collector, resolved only if the row is written alone (a joined row never needs it).</summary>
    private static Func<AnalyticsContribution, Task> Collect(IGrainFactory grains) =>
        contribution => grains.GetGrain<IAnalyticsCollectorGrain>(0).Contribute(contribution);
}
