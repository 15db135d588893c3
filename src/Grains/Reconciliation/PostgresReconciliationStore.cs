using Npgsql;
using NpgsqlTypes;

namespace Receptionist.Grains.Reconciliation;

/// <summary>
/// The sweepers' reads of the call and message logs and their own table (<c>0010_reconciliation.sql</c>). The log
/// queries use the partial indexes on unsettled rows, so their cost follows the few calls and messages without a final
/// status, not the size of the logs.
/// </summary>
public sealed class PostgresReconciliationStore(NpgsqlDataSource dataSource) : IReconciliationStore
{
    /// <summary>$1 older than, $2 not before, $3 now, $4 shard count, $5 shard index, $6 limit.</summary>
    private const string DueCallsSql = """
        SELECT l.call_sid, l.tenant_id, l.created_at, coalesce(r.checks, 0), l.from_number, l.to_number, NULL::text
          FROM receptionist_call_log l
          LEFT JOIN receptionist_reconciliation r ON r.kind = 'call' AND r.sid = l.call_sid
         WHERE l.status IN ('queued', 'initiated', 'ringing', 'in-progress')
           AND l.created_at < $1 AND l.created_at > $2
           AND (r.sid IS NULL OR (r.state = 'waiting' AND r.next_check_at <= $3))
           AND mod(abs(hashtext(l.call_sid)::bigint), $4) = $5
         ORDER BY l.created_at
         LIMIT $6
        """;

    private const string DueMessagesSql = """
        SELECT l.message_sid, l.tenant_id, l.created_at, coalesce(r.checks, 0), l.from_number, l.to_number, l.body
          FROM receptionist_message_log l
          LEFT JOIN receptionist_reconciliation r ON r.kind = 'message' AND r.sid = l.message_sid
         WHERE l.status IN ('queued', 'initiated', 'sending', 'receiving', 'sent')
           AND l.created_at < $1 AND l.created_at > $2
           AND (r.sid IS NULL OR (r.state = 'waiting' AND r.next_check_at <= $3))
           AND mod(abs(hashtext(l.message_sid)::bigint), $4) = $5
         ORDER BY l.created_at
         LIMIT $6
        """;

    /// <summary>A pending reply is due at its <c>next_check_at</c> (its send plus the message threshold at first).</summary>
    private const string DueRepliesSql = """
        SELECT sid, tenant_id, created_at, checks, from_number, to_number, body
          FROM receptionist_reconciliation
         WHERE kind = 'reply' AND state = 'waiting' AND next_check_at <= $3
           AND created_at < $1 AND created_at > $2
           AND mod(abs(hashtext(sid)::bigint), $4) = $5
         ORDER BY next_check_at
         LIMIT $6
        """;

    private const string RecordSql = """
        INSERT INTO receptionist_reconciliation AS r (kind, sid, tenant_id, state, checks, next_check_at, created_at, last_status)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (kind, sid) DO UPDATE SET
            state = EXCLUDED.state, checks = EXCLUDED.checks, next_check_at = EXCLUDED.next_check_at,
            last_status = EXCLUDED.last_status
        """;

    private const string AddReplySql = """
        INSERT INTO receptionist_reconciliation (kind, sid, tenant_id, state, checks, next_check_at, created_at, from_number, to_number, body)
        VALUES ('reply', $1, $2, 'waiting', 0, $3, $4, $5, $6, $7)
        ON CONFLICT (kind, sid) DO NOTHING
        """;

    private const string PruneSql = """
        DELETE FROM receptionist_reconciliation
         WHERE ctid IN (SELECT ctid FROM receptionist_reconciliation WHERE created_at < $1 LIMIT $2)
        """;

    public async Task<IReadOnlyList<Unsettled>> DueAsync(UnsettledKind kind, Shard shard, DateTimeOffset olderThan, DateTimeOffset notBefore,
        DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var sql = kind switch
        {
            UnsettledKind.Call => DueCallsSql,
            UnsettledKind.Message => DueMessagesSql,
            _ => DueRepliesSql,
        };
        await using var command = dataSource.CreateCommand(sql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = olderThan.ToUniversalTime() });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = notBefore.ToUniversalTime() });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        p.Add(new NpgsqlParameter<long> { TypedValue = shard.Count });
        p.Add(new NpgsqlParameter<long> { TypedValue = shard.Index });
        p.Add(new NpgsqlParameter<int> { TypedValue = limit });

        var due = new List<Unsettled>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new Unsettled(kind, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return due;
    }

    public async Task RecordAsync(Unsettled item, CheckOutcome outcome, DateTimeOffset nextCheckAt, string? lastStatus, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(RecordSql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string> { TypedValue = KindName(item.Kind) });
        p.Add(new NpgsqlParameter<string> { TypedValue = item.Sid });
        p.Add(new NpgsqlParameter<string> { TypedValue = item.TenantId });
        p.Add(new NpgsqlParameter<string> { TypedValue = StateName(outcome) });
        p.Add(new NpgsqlParameter<int> { TypedValue = item.Checks + 1 });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = nextCheckAt.ToUniversalTime() });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = item.CreatedAt.ToUniversalTime() });
        p.Add(new NpgsqlParameter { Value = (object?)lastStatus ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AddAsync(PendingReply reply, DateTimeOffset checkAt, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(AddReplySql);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string> { TypedValue = reply.InReplyTo });
        p.Add(new NpgsqlParameter<string> { TypedValue = reply.TenantId });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = checkAt.ToUniversalTime() });
        p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = reply.SentAt.ToUniversalTime() });
        p.Add(new NpgsqlParameter<string> { TypedValue = reply.From });
        p.Add(new NpgsqlParameter<string> { TypedValue = reply.To });
        p.Add(new NpgsqlParameter<string> { TypedValue = reply.Body });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> PruneAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(PruneSql);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string KindName(UnsettledKind kind) => kind switch
    {
        UnsettledKind.Call => "call",
        UnsettledKind.Message => "message",
        _ => "reply",
    };

    private static string StateName(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.StillOpen => "waiting",
        CheckOutcome.Unknown => "unknown",
        _ => "settled",
    };
}
