using System.Text.Json;
using Npgsql;
using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// A call's analytics contribution as a companion of the call grain's state write. Joined to the state's transaction,
/// it is one statement that applies the ledger's rules (<see cref="ContributionChanges"/>) in SQL: the ledger row is
/// replaced only by a newer version (or the same version with other figures or day), and then exactly the difference
/// between the old and the new row goes to the rollups, added (<c>x = x + excluded.x</c>) so that concurrent writers
/// of one rollup row commute. Its one writer is the call's grain, serialised by the state row it writes first.
/// Alone (another grain storage), <c>writeAlone</c> sends it the way messages go (the silo's collector, then the tenant).
/// </summary>
public sealed class CallContributionRow(LedgerEntry entry, Func<AnalyticsContribution, Task> writeAlone) : ICommitCompanion
{
    private static readonly string Counts = string.Join(", ", CountColumns.Names);

    private static readonly string Sql = BuildSql();

    public AnalyticsContribution Contribution => entry.Contribution;

    public void AddTo(NpgsqlBatchCommandCollection commands)
    {
        var c = entry.Contribution;
        var command = new NpgsqlBatchCommand(Sql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string> { TypedValue = c.TenantId });
        p.Add(new NpgsqlParameter<string> { TypedValue = c.Sid });
        p.Add(new NpgsqlParameter<int> { TypedValue = c.Version });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = c.OccurredAt.ToUniversalTime() });
        p.Add(new NpgsqlParameter<DateOnly> { TypedValue = entry.Day });
        p.Add(new NpgsqlParameter<string> { TypedValue = c.PhoneNumber });
        p.Add(new NpgsqlParameter<string> { TypedValue = c.Currency });
        p.Add(new NpgsqlParameter<decimal> { TypedValue = c.Cost });
        p.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(c.IvrChoices) });
        foreach (var count in CountColumns.ToArray(c.Counts))
        {
            p.Add(new NpgsqlParameter<long> { TypedValue = count });
        }

        commands.Add(command);
    }

    public Task WriteAloneAsync(CancellationToken cancellationToken) => writeAlone(entry.Contribution);

    private static string BuildSql()
    {
        var names = CountColumns.Names;
        var counts = string.Join(", ", names.Select((name, i) => $"${10 + i}::bigint AS {name}"));
        var figures = $"bucket_day, occurred_at, phone_number, currency, cost, ivr_choices, {Counts}";
        var sums = string.Join(", ", names.Select(n => $"sum({n})"));
        var changed = $"sum(cost) <> 0 OR {string.Join(" OR ", names.Select(n => $"sum({n}) <> 0"))}";
        return $"""
            WITH input AS (
                SELECT $1::text AS tenant_id, 'call'::text AS kind, $2::text AS sid, $3::integer AS version,
                       $4::timestamptz AS occurred_at, $5::date AS bucket_day, $6::text AS phone_number,
                       $7::text AS currency, $8::numeric AS cost, $9::jsonb AS ivr_choices, {counts}
            ),
            previous AS (
                SELECT c.* FROM analytics_contribution c JOIN input i USING (tenant_id, kind, sid)
            ),
            written AS (
                INSERT INTO analytics_contribution AS c (tenant_id, kind, sid, version, {figures})
                SELECT tenant_id, kind, sid, version, {figures} FROM input
                ON CONFLICT (tenant_id, kind, sid) DO UPDATE SET
                    version = EXCLUDED.version, {string.Join(", ", figures.Split(", ").Select(f => $"{f} = EXCLUDED.{f}"))}
                WHERE c.version < EXCLUDED.version
                   OR (c.version = EXCLUDED.version
                       AND ({string.Join(", ", figures.Split(", ").Select(f => "c." + f))})
                           IS DISTINCT FROM ({string.Join(", ", figures.Split(", ").Select(f => "EXCLUDED." + f))}))
                RETURNING 1
            ),
            changes AS (
                SELECT 1 AS sign, bucket_day, phone_number, currency, ivr_choices, cost, {Counts} FROM input
                 WHERE EXISTS (SELECT FROM written)
                UNION ALL
                SELECT -1, bucket_day, phone_number, currency, ivr_choices, -cost, {string.Join(", ", names.Select(n => "-" + n))} FROM previous
                 WHERE EXISTS (SELECT FROM written)
            ),
            rollup AS (
                INSERT INTO analytics_rollup AS r (tenant_id, bucket_day, phone_number, currency, cost, {Counts})
                SELECT $1, bucket_day, phone_number, currency, sum(cost), {sums}
                  FROM changes GROUP BY bucket_day, phone_number, currency
                HAVING {changed}
                ON CONFLICT (tenant_id, bucket_day, phone_number, currency) DO UPDATE SET
                    cost = r.cost + EXCLUDED.cost, {string.Join(", ", names.Select(n => $"{n} = r.{n} + EXCLUDED.{n}"))}
            )
            INSERT INTO analytics_ivr_rollup AS r (tenant_id, bucket_day, phone_number, choice, taken)
            SELECT $1, c.bucket_day, c.phone_number, x.choice, sum(c.sign)
              FROM changes c CROSS JOIN LATERAL jsonb_array_elements_text(c.ivr_choices) AS x(choice)
             GROUP BY c.bucket_day, c.phone_number, x.choice
            HAVING sum(c.sign) <> 0
            ON CONFLICT (tenant_id, bucket_day, phone_number, choice) DO UPDATE SET taken = r.taken + EXCLUDED.taken
            """;
    }
}
