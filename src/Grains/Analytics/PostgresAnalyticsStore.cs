using System.Text.Json;
using Npgsql;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// The ledger and rollups in our own tables (<c>0006_analytics.sql</c>). One apply is one transaction: a per-tenant
/// advisory lock (so even two activations of a tenant grain, possible for a moment around a silo failure, cannot
/// interleave their read-compare-write), one read of the ledger rows for the batch's SIDs, then one batch that
/// replaces the changed ledger rows and adds the differences to the rollup rows, returning them as stored.
/// Differences are added in SQL (<c>x = x + excluded.x</c>) rather than overwritten, so the rollups stay the sum of the
/// ledger whatever another writer did before the lock was taken.
/// Contributions appended by state writes (<c>0012_analytics_appended.sql</c>, <see cref="ContributionRow"/>) are folded
/// the same way, deleted in the transaction that applies them: before every load (so a report counts every acknowledged
/// webhook) and in the background (<see cref="AppendedContributionsFolder"/>, so the table stays small).
/// </summary>
public sealed class PostgresAnalyticsStore(NpgsqlDataSource dataSource) : IAnalyticsStore
{
    /// <summary>Appended rows folded per transaction: bounds one fold's time and memory however far behind it is.</summary>
    private const int FoldBatchSize = 5_000;

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
        var stored = await ReadLedgerAsync(connection, tenantId, contributions, lockFirst: true, cancellationToken);
        var changes = ContributionChanges.Compute(contributions, stored);
        var snapshot = changes.IsEmpty ? RollupSnapshot.Empty : await WriteAsync(connection, tenantId, changes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return snapshot;
    }

    public async Task<RollupSnapshot> LoadAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        await FoldAppendedAsync(tenantId, waitForLock: true, cancellationToken);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"SELECT bucket_day, phone_number, currency, cost, {Counts} FROM analytics_rollup WHERE tenant_id = $1", tenantId));
        batch.BatchCommands.Add(Command("SELECT bucket_day, phone_number, choice, taken FROM analytics_ivr_rollup WHERE tenant_id = $1", tenantId));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadSnapshotAsync(reader, hasIvr: true, cancellationToken);
    }

    /// <summary>Folds the appended contributions of every tenant that has some, skipping a tenant another silo is folding.</summary>
    public async Task FoldAppendedAsync(CancellationToken cancellationToken)
    {
        var tenants = new List<string>();
        await using (var command = dataSource.CreateCommand("SELECT DISTINCT tenant_id FROM analytics_appended"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tenants.Add(reader.GetString(0));
            }
        }

        foreach (var tenantId in tenants)
        {
            await FoldAppendedAsync(tenantId, waitForLock: false, cancellationToken);
        }
    }

    /// <summary>
    /// Applies the tenant's appended rows (oldest first, so the later of two equal versions wins as it would have in
    /// one batch) and deletes them, <see cref="FoldBatchSize"/> per transaction. The delete sees every row committed
    /// before it runs, so a fold that precedes a read takes in every acknowledged contribution.
    /// </summary>
    private async Task FoldAppendedAsync(string tenantId, bool waitForLock, CancellationToken cancellationToken)
    {
        int taken;
        do
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Empty also when another fold holds the tenant without waiting for it: that fold takes these rows in.
            var appended = await LockAndTakeAppendedAsync(connection, tenantId, waitForLock, cancellationToken);
            taken = appended.Count;
            if (taken > 0)
            {
                var stored = await ReadLedgerAsync(connection, tenantId, appended, lockFirst: false, cancellationToken);
                var changes = ContributionChanges.Compute(appended, stored);
                if (!changes.IsEmpty)
                {
                    await WriteAsync(connection, tenantId, changes, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        while (taken == FoldBatchSize);
    }

    /// <summary>
    /// Takes the tenant's lock (waiting for it, or only if free: then nothing is taken while another fold holds it) and
    /// deletes its oldest appended rows, returning them oldest first.
    /// </summary>
    private static async Task<List<LedgerEntry>> LockAndTakeAppendedAsync(
        NpgsqlConnection connection, string tenantId, bool waitForLock, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (waitForLock)
        {
            batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", LockName(tenantId)));
        }

        batch.BatchCommands.Add(Command($"""
            WITH held AS (SELECT {(waitForLock ? "true" : "pg_try_advisory_xact_lock(hashtextextended($3, 0))")} AS held)
            DELETE FROM analytics_appended a USING held
             WHERE held.held AND a.tenant_id = $1
               AND a.appended IN (SELECT appended FROM analytics_appended WHERE tenant_id = $1 ORDER BY appended LIMIT $2)
            RETURNING a.appended, a.kind, a.sid, a.entry
            """,
            tenantId,
            FoldBatchSize,
            LockName(tenantId)));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (waitForLock)
        {
            await reader.NextResultAsync(cancellationToken);
        }

        var rows = new List<(long Appended, LedgerEntry Entry)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetInt64(0), AppendedContribution.FromRow(tenantId, reader.GetString(1), reader.GetString(2), reader.GetString(3))));
        }

        return [.. rows.OrderBy(r => r.Appended).Select(r => r.Entry)];
    }

    private static string LockName(string tenantId) => $"analytics/{tenantId}";

    /// <summary>
    /// The ledger's rows for <paramref name="contributions"/>' SIDs, after taking the tenant's lock if asked. One primary
    /// key lookup per SID (the <c>LIMIT</c> keeps the planner from turning it into a join): a fold carries thousands, and
    /// a hash join would scan the whole ledger, which only grows.
    /// </summary>
    private static async Task<Dictionary<(ContributionKind, string), LedgerEntry>> ReadLedgerAsync(
        NpgsqlConnection connection, string tenantId, IReadOnlyList<LedgerEntry> contributions, bool lockFirst, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        if (lockFirst)
        {
            batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", LockName(tenantId)));
        }

        batch.BatchCommands.Add(Command($"""
            SELECT {string.Join(", ", LedgerColumns.Split(", ").Select(c => "c." + c))}, c.ivr_choices::text
            FROM unnest($2::text[], $3::text[]) AS i(kind, sid)
            CROSS JOIN LATERAL (
                SELECT * FROM analytics_contribution c WHERE c.tenant_id = $1 AND c.kind = i.kind AND c.sid = i.sid LIMIT 1) c
            """,
            tenantId,
            contributions.Select(c => c.Contribution.Kind.ToColumn()).ToArray(),
            contributions.Select(c => c.Contribution.Sid).ToArray()));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (lockFirst)
        {
            await reader.NextResultAsync(cancellationToken);
        }

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
