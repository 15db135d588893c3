using Npgsql;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Messaging;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// <see cref="ILogFigures"/> as two aggregate queries over the log tables, sent in one round trip. Local hours and days
/// come from PostgreSQL's own time-zone rules (<c>AT TIME ZONE</c>), the same IANA database .NET reads.
/// </summary>
public sealed class PostgresLogFigures(NpgsqlDataSource dataSource) : ILogFigures
{
    private static readonly string[] TerminalStatuses =
        [.. Enum.GetValues<CallStatus>().Where(s => s.IsTerminal()).Select(s => s.ToWire())];

    public async Task<LogFigures> CountAsync(LogFiguresQuery query, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command("""
            SELECT extract(hour FROM created_at AT TIME ZONE $4)::int, count(*)
            FROM receptionist_call_log
            WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 AND status = ANY($5)
            GROUP BY 1
            """, query, TerminalStatuses));
        // The body is read as ComplianceKeywords reads it: trimmed, trailing punctuation dropped, any case.
        batch.BatchCommands.Add(Command("""
            SELECT (created_at AT TIME ZONE $4)::date, coalesce(to_number, ''), count(*)
            FROM receptionist_message_log
            WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 AND direction = 'inbound'
              AND upper(btrim(rtrim(btrim(coalesce(body, ''), E' \t\r\n'), '.!?,;'), E' \t\r\n')) = ANY($5)
            GROUP BY 1, 2
            """, query, [.. ComplianceKeywords.OptOutWords]));

        var hours = new long[24];
        var optOuts = new List<OptOutCount>();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hours[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            optOuts.Add(new OptOutCount(DateOnly.FromDateTime(reader.GetDateTime(0)), reader.GetString(1), reader.GetInt64(2)));
        }

        return new LogFigures(hours, optOuts);
    }

    private static NpgsqlBatchCommand Command(string sql, LogFiguresQuery query, string[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.TenantId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.Since.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.Until.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.TimeZone });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = values });
        return command;
    }
}
