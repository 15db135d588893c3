using System.Text.Json;
using Npgsql;
using Receptionist.Grains.Storage;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// An analytics contribution as a companion of its source grain's state write (a call's, a message's, a call report's, a
/// missed-call text-back's), so the figures change exactly when the source's state does. Joined to the state's transaction,
/// every contribution of the batch is applied by one statement that keeps the ledger's rules
/// (<see cref="ContributionChanges"/>) in SQL: a ledger row is replaced only by a newer version (or the same version
/// with other figures or day), and exactly the difference between the replaced and the new row goes to the rollups,
/// summed per rollup row and added (<c>x = x + excluded.x</c>) so that concurrent writers of one rollup row commute.
/// Each contribution's one writer is its source grain, serialised by the state row it writes first.
/// Alone (another grain storage), <c>writeAlone</c> sends it the way messages go (the silo's collector, then the tenant).
/// </summary>
public sealed class ContributionRow(LedgerEntry entry, Func<AnalyticsContribution, Task> writeAlone) : ICommitCompanion
{
    public LedgerEntry Entry { get; } = entry;

    public AnalyticsContribution Contribution => Entry.Contribution;

    public ICommitCompanionGroup Group => Rows.Instance;

    public void AddTo(NpgsqlBatchCommandCollection commands) => Group.AddTo(commands, [this]);

    public Task WriteAloneAsync(CancellationToken cancellationToken) => writeAlone(Entry.Contribution);

    private sealed class Rows : ICommitCompanionGroup
    {
        public static readonly Rows Instance = new();

        private static readonly string Sql = BuildSql();

        /// <summary>One entry per contribution (the newest), sorted, so two such transactions lock shared rows in one order.</summary>
        public void AddTo(NpgsqlBatchCommandCollection commands, IReadOnlyList<ICommitCompanion> members)
        {
            var entries = members.Cast<ContributionRow>()
                .Select(r => r.Entry)
                .GroupBy(e => (e.Contribution.TenantId, e.Contribution.Kind, e.Contribution.Sid))
                .Select(g => g.MaxBy(e => e.Contribution.Version)!)
                .OrderBy(e => e.Contribution.TenantId, StringComparer.Ordinal)
                .ThenBy(e => e.Contribution.Kind)
                .ThenBy(e => e.Contribution.Sid, StringComparer.Ordinal)
                .Select(e => (e.Contribution, e.Day))
                .ToList();
            var command = new NpgsqlBatchCommand(Sql);
            var p = command.Parameters;
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Contribution.TenantId)] });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Contribution.Sid)] });
            p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. entries.Select(e => e.Contribution.Version)] });
            p.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. entries.Select(e => e.Contribution.OccurredAt.ToUniversalTime())] });
            p.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. entries.Select(e => e.Day)] });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Contribution.PhoneNumber)] });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Contribution.Currency)] });
            p.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. entries.Select(e => e.Contribution.Cost)] });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => JsonSerializer.Serialize(e.Contribution.IvrChoices))] });
            var counts = entries.Select(e => CountColumns.ToArray(e.Contribution.Counts)).ToList();
            for (var column = 0; column < CountColumns.Names.Count; column++)
            {
                p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. counts.Select(c => c[column])] });
            }

            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. entries.Select(e => e.Contribution.Kind.ToColumn())] });

            commands.Add(command);
        }

        private static string BuildSql()
        {
            var names = CountColumns.Names;
            var counts = string.Join(", ", names);
            var countArrays = string.Join(", ", names.Select((_, i) => $"${10 + i}::bigint[]"));
            var figures = $"bucket_day, occurred_at, phone_number, currency, cost, ivr_choices, {counts}";
            string Each(string format, string separator = ", ") => string.Join(separator, figures.Split(", ").Select(f => string.Format(format, f)));
            var sums = string.Join(", ", names.Select(n => $"sum(c.{n})"));
            var kinds = $"${10 + names.Count}::text[]";
            var changed = $"sum(c.cost) <> 0 OR {string.Join(" OR ", names.Select(n => $"sum(c.{n}) <> 0"))}";
            return $"""
                WITH input AS (
                    SELECT i.tenant_id, i.kind, i.sid, i.version, i.occurred_at, i.bucket_day, i.phone_number,
                           i.currency, i.cost, i.ivr::jsonb AS ivr_choices, {string.Join(", ", names.Select(n => "i." + n))}
                      FROM unnest($1::text[], $2::text[], $3::integer[], $4::timestamptz[], $5::date[], $6::text[], $7::text[],
                                  $8::numeric[], $9::text[], {countArrays}, {kinds})
                        AS i(tenant_id, sid, version, occurred_at, bucket_day, phone_number, currency, cost, ivr, {counts}, kind)
                ),
                previous AS (
                    SELECT p.* FROM analytics_contribution p
                      JOIN input i ON p.tenant_id = i.tenant_id AND p.kind = i.kind AND p.sid = i.sid
                ),
                written AS (
                    INSERT INTO analytics_contribution AS c (tenant_id, kind, sid, version, {figures})
                    SELECT tenant_id, kind, sid, version, {figures} FROM input
                    ON CONFLICT (tenant_id, kind, sid) DO UPDATE SET version = EXCLUDED.version, {Each("{0} = EXCLUDED.{0}")}
                    WHERE c.version < EXCLUDED.version
                       OR (c.version = EXCLUDED.version AND ({Each("c.{0}")}) IS DISTINCT FROM ({Each("EXCLUDED.{0}")}))
                    RETURNING c.tenant_id, c.kind, c.sid
                ),
                changes AS (
                    SELECT 1 AS sign, i.tenant_id, i.bucket_day, i.phone_number, i.currency, i.ivr_choices, i.cost,
                           {string.Join(", ", names.Select(n => "i." + n))}
                      FROM input i JOIN written w ON w.tenant_id = i.tenant_id AND w.kind = i.kind AND w.sid = i.sid
                    UNION ALL
                    SELECT -1, p.tenant_id, p.bucket_day, p.phone_number, p.currency, p.ivr_choices, -p.cost,
                           {string.Join(", ", names.Select(n => "-p." + n))}
                      FROM previous p JOIN written w ON w.tenant_id = p.tenant_id AND w.kind = p.kind AND w.sid = p.sid
                ),
                rollup AS (
                    INSERT INTO analytics_rollup AS r (tenant_id, bucket_day, phone_number, currency, cost, {counts})
                    SELECT c.tenant_id, c.bucket_day, c.phone_number, c.currency, sum(c.cost), {sums}
                      FROM changes c
                     GROUP BY c.tenant_id, c.bucket_day, c.phone_number, c.currency
                    HAVING {changed}
                     ORDER BY c.tenant_id, c.bucket_day, c.phone_number, c.currency
                    ON CONFLICT (tenant_id, bucket_day, phone_number, currency) DO UPDATE SET
                        cost = r.cost + EXCLUDED.cost, {string.Join(", ", names.Select(n => $"{n} = r.{n} + EXCLUDED.{n}"))}
                )
                INSERT INTO analytics_ivr_rollup AS r (tenant_id, bucket_day, phone_number, choice, taken)
                SELECT c.tenant_id, c.bucket_day, c.phone_number, x.choice, sum(c.sign)
                  FROM changes c CROSS JOIN LATERAL jsonb_array_elements_text(c.ivr_choices) AS x(choice)
                 GROUP BY c.tenant_id, c.bucket_day, c.phone_number, x.choice
                HAVING sum(c.sign) <> 0
                 ORDER BY c.tenant_id, c.bucket_day, c.phone_number, x.choice
                ON CONFLICT (tenant_id, bucket_day, phone_number, choice) DO UPDATE SET taken = r.taken + EXCLUDED.taken
                """;
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
