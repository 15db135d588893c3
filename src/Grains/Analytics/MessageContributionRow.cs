using Npgsql;
using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// A message's analytics contribution as a companion of the message grain's state write: the message-kind counterpart
/// of <see cref="CallContributionRow"/>, with the same ledger rules in SQL (a ledger row replaced only by a newer
/// version, or the same version with other figures or day; exactly the difference added to the rollups, summed per
/// rollup row). Messages take no IVR choices, so no IVR rollup is touched. Alone (another grain storage),
/// <c>writeAlone</c> sends it through the silo's collector.
/// </summary>
public sealed class MessageContributionRow(LedgerEntry entry, Func<AnalyticsContribution, Task> writeAlone) : ICommitCompanion
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

        /// <summary>One entry per message (the newest), sorted, so two such transactions lock shared rows in one order.</summary>
        public void AddTo(NpgsqlBatchCommandCollection commands, IReadOnlyList<ICommitCompanion> members)
        {
            var entries = members.Cast<MessageContributionRow>()
                .Select(r => r.Entry)
                .GroupBy(e => (e.Contribution.TenantId, e.Contribution.Sid))
                .Select(g => g.MaxBy(e => e.Contribution.Version)!)
                .OrderBy(e => e.Contribution.TenantId, StringComparer.Ordinal)
                .ThenBy(e => e.Contribution.Sid, StringComparer.Ordinal)
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
            var counts = entries.Select(e => CountColumns.ToArray(e.Contribution.Counts)).ToList();
            for (var column = 0; column < CountColumns.Names.Count; column++)
            {
                p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. counts.Select(c => c[column])] });
            }

            commands.Add(command);
        }

        private static string BuildSql()
        {
            var names = CountColumns.Names;
            var counts = string.Join(", ", names);
            var countArrays = string.Join(", ", names.Select((_, i) => $"${9 + i}::bigint[]"));
            var figures = $"bucket_day, occurred_at, phone_number, currency, cost, ivr_choices, {counts}";
            string Each(string format) => string.Join(", ", figures.Split(", ").Select(f => string.Format(format, f)));
            var prefixed = (string prefix) => string.Join(", ", names.Select(n => prefix + n));
            var changed = $"sum(c.cost) <> 0 OR {string.Join(" OR ", names.Select(n => $"sum(c.{n}) <> 0"))}";
            return $"""
                WITH input AS (
                    SELECT i.tenant_id, 'message'::text AS kind, i.sid, i.version, i.occurred_at, i.bucket_day, i.phone_number,
                           i.currency, i.cost, '[]'::jsonb AS ivr_choices, {prefixed("i.")}
                      FROM unnest($1::text[], $2::text[], $3::integer[], $4::timestamptz[], $5::date[], $6::text[], $7::text[],
                                  $8::numeric[], {countArrays})
                        AS i(tenant_id, sid, version, occurred_at, bucket_day, phone_number, currency, cost, {counts})
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
                    RETURNING c.tenant_id, c.sid
                ),
                changes AS (
                    SELECT i.tenant_id, i.bucket_day, i.phone_number, i.currency, i.cost, {prefixed("i.")}
                      FROM input i JOIN written w ON w.tenant_id = i.tenant_id AND w.sid = i.sid
                    UNION ALL
                    SELECT p.tenant_id, p.bucket_day, p.phone_number, p.currency, -p.cost, {prefixed("-p.")}
                      FROM previous p JOIN written w ON w.tenant_id = p.tenant_id AND w.sid = p.sid
                )
                INSERT INTO analytics_rollup AS r (tenant_id, bucket_day, phone_number, currency, cost, {counts})
                SELECT c.tenant_id, c.bucket_day, c.phone_number, c.currency, sum(c.cost), {string.Join(", ", names.Select(n => $"sum(c.{n})"))}
                  FROM changes c
                 GROUP BY c.tenant_id, c.bucket_day, c.phone_number, c.currency
                HAVING {changed}
                 ORDER BY c.tenant_id, c.bucket_day, c.phone_number, c.currency
                ON CONFLICT (tenant_id, bucket_day, phone_number, currency) DO UPDATE SET
                    cost = r.cost + EXCLUDED.cost, {string.Join(", ", names.Select(n => $"{n} = r.{n} + EXCLUDED.{n}"))}
                """;
        }
    }
}
