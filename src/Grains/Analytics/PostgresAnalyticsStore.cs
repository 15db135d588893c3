using System.Text.Json;
using Npgsql;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// The ledger and rollups in our own tables (<c>0006_analytics.sql</c>). One flush is one transaction: a per-tenant
/// advisory lock (so even two activations of a tenant grain, possible for a moment around a silo failure, cannot
/// interleave their read-compare-write), one read of the ledger rows for the batch's SIDs, then one batch that
/// replaces the changed ledger rows and adds the differences to the rollup rows, returning them as stored.
/// Differences are added in SQL (<c>x = x + excluded.x</c>) rather than overwritten, so the rollups stay the sum of the
/// ledger whatever another writer did before the lock was taken.
/// </summary>
public sealed class PostgresAnalyticsStore(NpgsqlDataSource dataSource) : IAnalyticsStore
{
    private static readonly string Counts = string.Join(", ", CountColumns.Names);

    private static readonly string LedgerColumns = $"kind, sid, version, occurred_at, bucket_day, phone_number, currency, cost, {Counts}";

    public async Task<RollupSnapshot> ApplyAsync(string tenantId, IReadOnlyList<LedgerEntry> contributions, CancellationToken cancellationToken = default)
    {
        if (contributions.Count == 0)
        {
            return RollupSnapshot.Empty;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await LockAndReadLedgerAsync(connection, tenantId, contributions, cancellationToken);
        var changes = ContributionChanges.Compute(contributions, stored);
        var snapshot = changes.IsEmpty ? RollupSnapshot.Empty : await WriteAsync(connection, tenantId, changes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return snapshot;
    }

    public async Task<RollupSnapshot> LoadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"SELECT bucket_day, phone_number, currency, cost, {Counts} FROM analytics_rollup WHERE tenant_id = $1", tenantId));
        batch.BatchCommands.Add(Command("SELECT bucket_day, phone_number, choice, taken FROM analytics_ivr_rollup WHERE tenant_id = $1", tenantId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadSnapshotAsync(reader, hasIvr: true, cancellationToken);
    }

    private static async Task<Dictionary<(ContributionKind, string), LedgerEntry>> LockAndReadLedgerAsync(
        NpgsqlConnection connection, string tenantId, IReadOnlyList<LedgerEntry> contributions, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", $"analytics/{tenantId}"));
        batch.BatchCommands.Add(Command($"""
            SELECT {string.Join(", ", LedgerColumns.Split(", ").Select(c => "c." + c))}, c.ivr_choices::text
            FROM analytics_contribution c
            JOIN unnest($2::text[], $3::text[]) AS i(kind, sid) ON c.kind = i.kind AND c.sid = i.sid
            WHERE c.tenant_id = $1
            """,
            tenantId,
            contributions.Select(c => c.Contribution.Kind.ToColumn()).ToArray(),
            contributions.Select(c => c.Contribution.Sid).ToArray()));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var stored = new Dictionary<(ContributionKind, string), LedgerEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var entry = ReadLedger(reader, tenantId);
            stored[entry.Key] = entry;
        }

        return stored;
    }

    private static async Task<RollupSnapshot> WriteAsync(NpgsqlConnection connection, string tenantId, ContributionChanges changes, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(LedgerUpsert(tenantId, changes.Ledger));
        batch.BatchCommands.Add(RollupUpsert(tenantId, changes.Rollups));
        var hasIvr = changes.Ivr.Count > 0;
        if (hasIvr)
        {
            batch.BatchCommands.Add(IvrUpsert(tenantId, changes.Ivr));
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

        // The ledger upsert returns no rows; whether the reader starts on its (empty) result is Npgsql's business.
        while (reader.FieldCount == 0 && await reader.NextResultAsync(cancellationToken))
        {
        }

        return await ReadSnapshotAsync(reader, hasIvr, cancellationToken);
    }

    private static NpgsqlBatchCommand LedgerUpsert(string tenantId, IReadOnlyList<LedgerEntry> ledger)
    {
        var names = CountColumns.Names;
        var countParameters = string.Join(", ", names.Select((_, i) => $"${10 + i}::bigint[]"));
        var ivrParameter = 10 + names.Count;
        var command = Command($"""
            INSERT INTO analytics_contribution AS c (tenant_id, {LedgerColumns}, ivr_choices)
            SELECT $1, {string.Join(", ", LedgerColumns.Split(", ").Select(c => "i." + c))}, i.ivr::jsonb
            FROM unnest($2::text[], $3::text[], $4::integer[], $5::timestamptz[], $6::date[], $7::text[], $8::text[], $9::numeric[],
                        {countParameters}, ${ivrParameter}::text[]) AS i({LedgerColumns}, ivr)
            ON CONFLICT (tenant_id, kind, sid) DO UPDATE SET
                {string.Join(", ", LedgerColumns.Split(", ").Skip(2).Append("ivr_choices").Select(c => $"{c} = EXCLUDED.{c}"))}
            """,
            tenantId,
            ledger.Select(e => e.Contribution.Kind.ToColumn()).ToArray(),
            ledger.Select(e => e.Contribution.Sid).ToArray(),
            ledger.Select(e => e.Contribution.Version).ToArray(),
            ledger.Select(e => e.Contribution.OccurredAt.ToUniversalTime()).ToArray(),
            ledger.Select(e => e.Day).ToArray(),
            ledger.Select(e => e.Contribution.PhoneNumber).ToArray(),
            ledger.Select(e => e.Contribution.Currency).ToArray(),
            ledger.Select(e => e.Contribution.Cost).ToArray());
        AddCountArrays(command, ledger.Select(e => e.Contribution.Counts).ToList());
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ledger.Select(e => JsonSerializer.Serialize(e.Contribution.IvrChoices))] });
        return command;
    }

    private static NpgsqlBatchCommand RollupUpsert(string tenantId, IReadOnlyDictionary<RollupKey, (AnalyticsCounts Counts, decimal Cost)> rollups)
    {
        var names = CountColumns.Names;
        var rows = rollups.ToList();
        var command = Command($"""
            INSERT INTO analytics_rollup AS r (tenant_id, bucket_day, phone_number, currency, cost, {Counts})
            SELECT $1, i.* FROM unnest($2::date[], $3::text[], $4::text[], $5::numeric[],
                                       {string.Join(", ", names.Select((_, i) => $"${6 + i}::bigint[]"))})
                AS i(bucket_day, phone_number, currency, cost, {Counts})
            ON CONFLICT (tenant_id, bucket_day, phone_number, currency) DO UPDATE SET
                cost = r.cost + EXCLUDED.cost, {string.Join(", ", names.Select(c => $"{c} = r.{c} + EXCLUDED.{c}"))}
            RETURNING bucket_day, phone_number, currency, cost, {Counts}
            """,
            tenantId,
            rows.Select(r => r.Key.Day).ToArray(),
            rows.Select(r => r.Key.PhoneNumber).ToArray(),
            rows.Select(r => r.Key.Currency).ToArray(),
            rows.Select(r => r.Value.Cost).ToArray());
        AddCountArrays(command, rows.Select(r => r.Value.Counts).ToList());
        return command;
    }

    private static NpgsqlBatchCommand IvrUpsert(string tenantId, IReadOnlyDictionary<IvrRollupKey, long> ivr)
    {
        var rows = ivr.ToList();
        return Command("""
            INSERT INTO analytics_ivr_rollup AS r (tenant_id, bucket_day, phone_number, choice, taken)
            SELECT $1, i.* FROM unnest($2::date[], $3::text[], $4::text[], $5::bigint[]) AS i(bucket_day, phone_number, choice, taken)
            ON CONFLICT (tenant_id, bucket_day, phone_number, choice) DO UPDATE SET taken = r.taken + EXCLUDED.taken
            RETURNING bucket_day, phone_number, choice, taken
            """,
            tenantId,
            rows.Select(r => r.Key.Day).ToArray(),
            rows.Select(r => r.Key.PhoneNumber).ToArray(),
            rows.Select(r => r.Key.Choice).ToArray(),
            rows.Select(r => r.Value).ToArray());
    }

    private static void AddCountArrays(NpgsqlBatchCommand command, IReadOnlyList<AnalyticsCounts> counts)
    {
        var arrays = counts.Select(CountColumns.ToArray).ToList();
        for (var column = 0; column < CountColumns.Names.Count; column++)
        {
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. arrays.Select(a => a[column])] });
        }
    }

    private static async Task<RollupSnapshot> ReadSnapshotAsync(NpgsqlDataReader reader, bool hasIvr, CancellationToken cancellationToken)
    {
        var rows = new List<RollupRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = new RollupKey(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2));
            rows.Add(new RollupRow(key, ReadCounts(reader, 4), reader.GetDecimal(3)));
        }

        var ivr = new List<IvrRollupRow>();
        if (hasIvr && await reader.NextResultAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ivr.Add(new IvrRollupRow(new IvrRollupKey(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2)), reader.GetInt64(3)));
            }
        }

        return new RollupSnapshot(rows, ivr);
    }

    private static LedgerEntry ReadLedger(NpgsqlDataReader r, string tenantId)
    {
        var contribution = new AnalyticsContribution
        {
            Kind = ContributionKinds.FromColumn(r.GetString(0)),
            Sid = r.GetString(1),
            TenantId = tenantId,
            Version = r.GetInt32(2),
            OccurredAt = r.GetFieldValue<DateTimeOffset>(3),
            PhoneNumber = r.GetString(5),
            Currency = r.GetString(6),
            Cost = r.GetDecimal(7),
            Counts = ReadCounts(r, 8),
            IvrChoices = JsonSerializer.Deserialize<string[]>(r.GetString(8 + CountColumns.Names.Count)) ?? [],
        };
        return new LedgerEntry(contribution, r.GetFieldValue<DateOnly>(4));
    }

    private static AnalyticsCounts ReadCounts(NpgsqlDataReader r, int first) =>
        CountColumns.FromArray([.. Enumerable.Range(first, CountColumns.Names.Count).Select(r.GetInt64)]);

    private static NpgsqlBatchCommand Command<T0>(string sql, T0 p0, params object[] more)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<T0> { TypedValue = p0 });
        foreach (var value in more)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
