using Npgsql;
using NpgsqlTypes;

namespace Receptionist.Grains.Logs;

/// <summary>
/// The page query shared by the call and message logs: a tenant's rows filtered by status, direction, number and
/// time, newest first, keyset-paged after (created_at, sid), one row more than the page to tell whether another follows.
/// </summary>
public sealed record LogPageQuery(
    string TenantId,
    IReadOnlyList<string> Statuses,
    string? Direction,
    string? Number,
    DateTimeOffset? Since,
    DateTimeOffset? Until,
    DateTimeOffset? AfterCreatedAt,
    string? AfterSid,
    int Limit)
{
    /// <param name="table">A table of ours (never user input): it is written into the SQL.</param>
    /// <param name="sidColumn">Its SID column, the keyset's tie-breaker.</param>
    /// <param name="columns">The columns to select, in the order the caller reads them.</param>
    public NpgsqlCommand CreateCommand(NpgsqlDataSource dataSource, string table, string sidColumn, string columns)
    {
        var command = dataSource.CreateCommand($"""
            SELECT {columns}
            FROM {table}
            WHERE tenant_id = $1
              AND (cardinality($2::text[]) = 0 OR status = ANY($2))
              AND ($3::text IS NULL OR direction = $3)
              AND ($4::text IS NULL OR from_number = $4 OR to_number = $4)
              AND ($5::timestamptz IS NULL OR created_at >= $5)
              AND ($6::timestamptz IS NULL OR created_at < $6)
              AND ($7::timestamptz IS NULL OR (created_at, {sidColumn}) < ($7, $8::text))
            ORDER BY created_at DESC, {sidColumn} DESC
            LIMIT $9
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string> { TypedValue = TenantId });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. Statuses] });
        p.Add(Nullable(Direction, NpgsqlDbType.Text));
        p.Add(Nullable(Number, NpgsqlDbType.Text));
        p.Add(Nullable(Since?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Nullable(Until?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Nullable(AfterCreatedAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Nullable(AfterSid, NpgsqlDbType.Text));
        p.Add(new NpgsqlParameter<int> { TypedValue = Limit + 1 });
        return command;
    }

    /// <summary>A typed parameter whose value may be null (sent as SQL NULL of that type).</summary>
    public static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
