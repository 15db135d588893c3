using Npgsql;
using NpgsqlTypes;
using Receptionist.Grains.Logs;
using Receptionist.Grains.Observability;
using static Receptionist.Grains.Logs.LogPageQuery;

namespace Receptionist.Grains.Calls;

/// <summary>
/// The call log in our own table (<c>0004_call_log.sql</c>). Chosen over an index grain per tenant and day because a
/// keyset query over one indexed table filters, orders and pages any number of calls in one round trip, without
/// activating a grain per day searched; the row is a pure function of the call grain's state, so it can always be
/// re-derived (and is, on activation) if a silo dies between the state write and this one. Upserts go through a
/// <see cref="CallLogBatcher"/>: concurrent webhooks share one statement.
/// </summary>
public sealed class PostgresCallLog : ICallLog
{
    private const string Columns = """
        (call_sid, tenant_id, direction, status, from_number, to_number, created_at, rang_at, answered_at,
         ended_at, duration_seconds, price, price_unit, answered_by, version)
        """;

    private const string SelectColumns = """
        call_sid, tenant_id, direction, status, from_number, to_number, created_at, rang_at, answered_at,
        ended_at, duration_seconds, price, price_unit, answered_by, version
        """;

    /// <summary>The version guard: an older projection never overwrites a newer one, nor a row of another tenant.</summary>
    private const string OnConflict = """
        ON CONFLICT (call_sid) DO UPDATE SET
            direction = EXCLUDED.direction, status = EXCLUDED.status, from_number = EXCLUDED.from_number,
            to_number = EXCLUDED.to_number, created_at = EXCLUDED.created_at, rang_at = EXCLUDED.rang_at,
            answered_at = EXCLUDED.answered_at, ended_at = EXCLUDED.ended_at,
            duration_seconds = EXCLUDED.duration_seconds, price = EXCLUDED.price, price_unit = EXCLUDED.price_unit,
            answered_by = EXCLUDED.answered_by, version = EXCLUDED.version
        WHERE log.version < EXCLUDED.version AND log.tenant_id = EXCLUDED.tenant_id
        """;

    private static readonly string UpsertOneSql = $"""
        INSERT INTO receptionist_call_log AS log {Columns}
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
        {OnConflict}
        """;

    private static readonly string UpsertManySql = $"""
        INSERT INTO receptionist_call_log AS log {Columns}
        SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
            $7::timestamptz[], $8::timestamptz[], $9::timestamptz[], $10::timestamptz[], $11::integer[],
            $12::numeric[], $13::text[], $14::text[], $15::integer[])
        {OnConflict}
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly CallLogBatcher batcher;

    public PostgresCallLog(NpgsqlDataSource dataSource, ReceptionistTelemetry? telemetry = null)
    {
        this.dataSource = dataSource;
        batcher = new CallLogBatcher(UpsertManyAsync, UpsertOneAsync, telemetry: telemetry);
    }

    public Task UpsertAsync(CallSummary call, CancellationToken cancellationToken = default) =>
        batcher.UpsertAsync(call, cancellationToken);

    /// <summary>Many calls (one row each) in one statement: one round trip, one commit, the same guard as one.</summary>
    public async Task UpsertManyAsync(IReadOnlyList<CallSummary> calls)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(UpsertManyCommand(calls));
        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The upsert of many calls as a statement of someone else's transaction (at most one row per call; sorted, so two
    /// such transactions lock shared rows in the same order).
    /// </summary>
    public static NpgsqlBatchCommand UpsertManyCommand(IReadOnlyList<CallSummary> calls)
    {
        var sorted = calls.OrderBy(c => c.CallSid, StringComparer.Ordinal).ToList();
        var command = new NpgsqlBatchCommand(UpsertManySql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sorted.Select(c => c.CallSid)] });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sorted.Select(c => c.TenantId)] });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sorted.Select(c => c.Direction)] });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sorted.Select(c => c.Status.ToWire())] });
        p.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. sorted.Select(c => c.From)] });
        p.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. sorted.Select(c => c.To)] });
        p.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. sorted.Select(c => c.CreatedAt.ToUniversalTime())] });
        p.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = [.. sorted.Select(c => c.RangAt?.ToUniversalTime())] });
        p.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = [.. sorted.Select(c => c.AnsweredAt?.ToUniversalTime())] });
        p.Add(new NpgsqlParameter<DateTimeOffset?[]> { TypedValue = [.. sorted.Select(c => c.EndedAt?.ToUniversalTime())] });
        p.Add(new NpgsqlParameter<int?[]> { TypedValue = [.. sorted.Select(c => c.DurationSeconds)] });
        p.Add(new NpgsqlParameter<decimal?[]> { TypedValue = [.. sorted.Select(c => c.Price)] });
        p.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. sorted.Select(c => c.PriceUnit)] });
        p.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. sorted.Select(c => c.AnsweredBy)] });
        p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. sorted.Select(c => c.Version)] });
        return command;
    }

    private async Task UpsertOneAsync(CallSummary call)
    {
        await using var command = dataSource.CreateCommand(UpsertOneSql);
        AddRow(command.Parameters, call);
        await command.ExecuteNonQueryAsync();
    }

    private static void AddRow(NpgsqlParameterCollection p, CallSummary call)
    {
        p.Add(new NpgsqlParameter<string>{ TypedValue = call.CallSid });
        p.Add(new NpgsqlParameter<string>{ TypedValue = call.TenantId });
        p.Add(new NpgsqlParameter<string>{ TypedValue = call.Direction });
        p.Add(new NpgsqlParameter<string>{ TypedValue = call.Status.ToWire() });
        p.Add(Nullable(call.From, NpgsqlDbType.Text));
        p.Add(Nullable(call.To, NpgsqlDbType.Text));
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = call.CreatedAt.ToUniversalTime() });
        p.Add(Nullable(call.RangAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Nullable(call.AnsweredAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Nullable(call.EndedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Nullable(call.DurationSeconds, NpgsqlDbType.Integer));
        p.Add(Nullable(call.Price, NpgsqlDbType.Numeric));
        p.Add(Nullable(call.PriceUnit, NpgsqlDbType.Text));
        p.Add(Nullable(call.AnsweredBy, NpgsqlDbType.Text));
        p.Add(new NpgsqlParameter<int> { TypedValue = call.Version });
    }

    public async Task<CallPage> QueryAsync(CallQuery query, CancellationToken cancellationToken = default)
    {
        var page = new LogPageQuery(query.TenantId, [.. query.Statuses.Select(s => s.ToWire())], query.Direction, query.Number,
            query.Since, query.Until, query.After?.CreatedAt, query.After?.CallSid, query.Limit);
        await using var command = page.CreateCommand(dataSource, "receptionist_call_log", "call_sid", SelectColumns);

        var calls = new List<CallSummary>(query.Limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            calls.Add(Read(reader));
        }

        return CallPages.Trim(calls, query.Limit);
    }

    private static CallSummary Read(NpgsqlDataReader r)
    {
        var status = CallStatuses.TryParse(r.GetString(3), out var parsed)
            ? parsed
            : throw new InvalidOperationException($"call log row {r.GetString(0)} has an unknown status '{r.GetString(3)}'");
        return new CallSummary
        {
            CallSid = r.GetString(0),
            TenantId = r.GetString(1),
            Direction = r.GetString(2),
            Status = status,
            From = r.IsDBNull(4) ? null : r.GetString(4),
            To = r.IsDBNull(5) ? null : r.GetString(5),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(6),
            RangAt = r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7),
            AnsweredAt = r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
            EndedAt = r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
            DurationSeconds = r.IsDBNull(10) ? null : r.GetInt32(10),
            Price = r.IsDBNull(11) ? null : r.GetDecimal(11),
            PriceUnit = r.IsDBNull(12) ? null : r.GetString(12),
            AnsweredBy = r.IsDBNull(13) ? null : r.GetString(13),
            Version = r.GetInt32(14),
        };
    }
}
