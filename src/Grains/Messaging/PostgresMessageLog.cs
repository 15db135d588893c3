using Npgsql;
using NpgsqlTypes;
using Receptionist.Grains.Logs;
using static Receptionist.Grains.Logs.LogPageQuery;

namespace Receptionist.Grains.Messaging;

/// <summary>
/// The message log in our own table (<c>0005_message_log.sql</c>), for the same reasons as the call log: one keyset
/// query filters, orders and pages any number of messages, and a row is a pure function of its grain's state, so it
/// can always be re-derived (and is, on activation) if a silo dies between the state write and this one.
/// </summary>
public sealed class PostgresMessageLog(NpgsqlDataSource dataSource) : IMessageLog
{
    private const string Columns = """
        message_sid, tenant_id, direction, status, from_number, to_number, body, media_urls, error_code, error_message,
        price, price_unit, created_at, sent_at, delivered_at, updated_at, in_reply_to, version
        """;

    /// <summary>The version guard: an older projection never overwrites a newer one, nor a row of another tenant.</summary>
    private static readonly string UpsertSql = $"""
            INSERT INTO receptionist_message_log AS log ({Columns})
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
            ON CONFLICT (message_sid) DO UPDATE SET
                direction = EXCLUDED.direction, status = EXCLUDED.status, from_number = EXCLUDED.from_number,
                to_number = EXCLUDED.to_number, body = EXCLUDED.body, media_urls = EXCLUDED.media_urls,
                error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message, price = EXCLUDED.price,
                price_unit = EXCLUDED.price_unit, created_at = EXCLUDED.created_at, sent_at = EXCLUDED.sent_at,
                delivered_at = EXCLUDED.delivered_at, updated_at = EXCLUDED.updated_at,
                in_reply_to = EXCLUDED.in_reply_to, version = EXCLUDED.version
            WHERE log.version < EXCLUDED.version AND log.tenant_id = EXCLUDED.tenant_id
            """;

    public async Task UpsertAsync(MessageSummary message, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(UpsertSql);
        AddUpsertParameters(command.Parameters, message);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The same upsert as a statement of another transaction's batch (the message grain's state write).</summary>
    public static NpgsqlBatchCommand UpsertCommand(MessageSummary message)
    {
        var command = new NpgsqlBatchCommand(UpsertSql);
        AddUpsertParameters(command.Parameters, message);
        return command;
    }

    private static void AddUpsertParameters(NpgsqlParameterCollection p, MessageSummary message)
    {
        p.Add(new NpgsqlParameter<string> { TypedValue = message.MessageSid });
        p.Add(new NpgsqlParameter<string> { TypedValue = message.TenantId });
        p.Add(new NpgsqlParameter<string> { TypedValue = message.Direction });
        p.Add(new NpgsqlParameter<string> { TypedValue = message.Status.ToWire() });
        p.Add(Nullable(message.From, NpgsqlDbType.Text));
        p.Add(Nullable(message.To, NpgsqlDbType.Text));
        p.Add(Nullable(message.Body, NpgsqlDbType.Text));
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. message.MediaUrls] });
        p.Add(Nullable(message.ErrorCode, NpgsqlDbType.Text));
        p.Add(Nullable(message.ErrorMessage, NpgsqlDbType.Text));
        p.Add(Nullable(message.Price, NpgsqlDbType.Numeric));
        p.Add(Nullable(message.PriceUnit, NpgsqlDbType.Text));
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = message.CreatedAt.ToUniversalTime() });
        p.Add(Nullable(message.SentAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(Nullable(message.DeliveredAt?.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = message.UpdatedAt.ToUniversalTime() });
        p.Add(Nullable(message.InReplyTo, NpgsqlDbType.Text));
        p.Add(new NpgsqlParameter<int> { TypedValue = message.Version });
    }

    public async Task<MessageLogPage> QueryAsync(MessageLogQuery query, CancellationToken cancellationToken = default)
    {
        var page = new LogPageQuery(query.TenantId, [.. query.Statuses.Select(s => s.ToWire())], query.Direction, query.Number,
            query.Since, query.Until, query.After?.CreatedAt, query.After?.MessageSid, query.Limit);
        await using var command = page.CreateCommand(dataSource, "receptionist_message_log", "message_sid", Columns);

        var messages = new List<MessageSummary>(query.Limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(Read(reader));
        }

        return MessageLogPages.Trim(messages, query.Limit);
    }

    private static MessageSummary Read(NpgsqlDataReader r)
    {
        var status = MessageStatuses.TryParse(r.GetString(3), out var parsed)
            ? parsed
            : throw new InvalidOperationException($"message log row {r.GetString(0)} has an unknown status '{r.GetString(3)}'");
        return new MessageSummary
        {
            MessageSid = r.GetString(0),
            TenantId = r.GetString(1),
            Direction = r.GetString(2),
            Status = status,
            From = r.IsDBNull(4) ? null : r.GetString(4),
            To = r.IsDBNull(5) ? null : r.GetString(5),
            Body = r.IsDBNull(6) ? null : r.GetString(6),
            MediaUrls = r.GetFieldValue<string[]>(7),
            ErrorCode = r.IsDBNull(8) ? null : r.GetString(8),
            ErrorMessage = r.IsDBNull(9) ? null : r.GetString(9),
            Price = r.IsDBNull(10) ? null : r.GetDecimal(10),
            PriceUnit = r.IsDBNull(11) ? null : r.GetString(11),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(12),
            SentAt = r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13),
            DeliveredAt = r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(15),
            InReplyTo = r.IsDBNull(16) ? null : r.GetString(16),
            Version = r.GetInt32(17),
        };
    }
}
