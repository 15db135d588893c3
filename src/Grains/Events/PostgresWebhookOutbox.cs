using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Events;

/// <summary>The outbox and delivery log in <c>receptionist_webhook_delivery</c> (<c>0008_webhooks.sql</c>).</summary>
public sealed class PostgresWebhookOutbox(NpgsqlDataSource dataSource) : IWebhookOutbox
{
    private const string Columns = """
        delivery_id, endpoint_id, event_id, event_type, status, created_at, next_attempt_at, attempt_count, attempts, payload, retry_from
        """;

    private const string InsertSql = """
        INSERT INTO receptionist_webhook_delivery
            (delivery_id, tenant_id, endpoint_id, event_id, event_type, payload, created_at, retry_from, status, next_attempt_at, updated_at)
        SELECT d.delivery_id, $1, d.endpoint_id, $2, $3, $4, $5, $5, 'pending', $5, $5
          FROM unnest($6::text[], $7::text[]) AS d(delivery_id, endpoint_id)
        ON CONFLICT (endpoint_id, event_id) DO NOTHING
        """;

    public ICommitCompanion Enqueue(OutboxEvent e, IReadOnlyList<string> endpointIds) => new EnqueueCompanion(dataSource, e, endpointIds);

    public async Task<IReadOnlyList<DueDelivery>> DueAsync(string tenantId, IReadOnlyList<string> endpointIds, DateTimeOffset now, int limit,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT delivery_id, endpoint_id, event_id, payload, attempt_count, retry_from, attempts
              FROM receptionist_webhook_delivery
             WHERE tenant_id = $1 AND status = 'pending' AND next_attempt_at <= $2 AND endpoint_id = ANY($3)
             ORDER BY created_at, delivery_id
             LIMIT $4
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. endpointIds] });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        var due = new List<DueDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueDelivery(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), ReadAttempts(reader.GetString(6))));
        }

        return due;
    }

    public async Task<DateTimeOffset?> NextDueAsync(string tenantId, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT min(next_attempt_at) FROM receptionist_webhook_delivery
             WHERE tenant_id = $1 AND status = 'pending' AND endpoint_id = ANY($2)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. endpointIds] });
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }

    public async Task RecordAsync(string tenantId, DeliveryChange change, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE receptionist_webhook_delivery
               SET status = $3, next_attempt_at = $4, attempt_count = $5, attempts = $6::jsonb, updated_at = now()
             WHERE tenant_id = $1 AND delivery_id = $2
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        p.Add(new NpgsqlParameter<string> { TypedValue = change.DeliveryId });
        p.Add(new NpgsqlParameter<string> { TypedValue = change.Status.ToWire() });
        p.Add(new NpgsqlParameter { Value = (object?)change.NextAttemptAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new NpgsqlParameter<int> { TypedValue = change.AttemptCount });
        p.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(change.Attempts, WebhookJson.Options) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<WebhookDelivery?> ReplayAsync(string tenantId, string endpointId, string deliveryId, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            UPDATE receptionist_webhook_delivery
               SET status = 'pending', next_attempt_at = $4, retry_from = $4, updated_at = now()
             WHERE tenant_id = $1 AND endpoint_id = $2 AND delivery_id = $3
            RETURNING {Columns}
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = endpointId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deliveryId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task DeleteEndpointAsync(string tenantId, string endpointId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM receptionist_webhook_delivery WHERE tenant_id = $1 AND endpoint_id = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = endpointId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> PruneAsync(string tenantId, DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("""
            DELETE FROM receptionist_webhook_delivery
             WHERE delivery_id IN (
                SELECT delivery_id FROM receptionist_webhook_delivery
                 WHERE tenant_id = $1 AND status <> 'pending' AND updated_at < $2
                 LIMIT $3)
            """);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenantId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = before.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<WebhookDeliveryPage> QueryAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns}
              FROM receptionist_webhook_delivery
             WHERE tenant_id = $1 AND endpoint_id = $2
               AND ($3::text IS NULL OR status = $3)
               AND ($4::timestamptz IS NULL OR (created_at, delivery_id) < ($4, $5))
             ORDER BY created_at DESC, delivery_id DESC
             LIMIT $6
            """);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<string> { TypedValue = query.TenantId });
        p.Add(new NpgsqlParameter<string> { TypedValue = query.EndpointId });
        p.Add(new NpgsqlParameter { Value = (object?)query.Status?.ToWire() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter { Value = (object?)query.AfterCreatedAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        p.Add(new NpgsqlParameter { Value = (object?)query.AfterDeliveryId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        p.Add(new NpgsqlParameter<int> { TypedValue = query.Limit + 1 });
        var deliveries = new List<WebhookDelivery>(query.Limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(Read(reader));
        }

        return deliveries.Count > query.Limit
            ? new WebhookDeliveryPage(deliveries[..query.Limit], HasMore: true)
            : new WebhookDeliveryPage(deliveries, HasMore: false);
    }

    private static WebhookDelivery Read(NpgsqlDataReader r) => new()
    {
        DeliveryId = r.GetString(0),
        EndpointId = r.GetString(1),
        EventId = r.GetString(2),
        EventType = r.GetString(3),
        Status = WebhookStatuses.TryParse(r.GetString(4), out var status)
            ? status
            : throw new InvalidOperationException($"delivery {r.GetString(0)} has an unknown status '{r.GetString(4)}'"),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(5),
        NextAttemptAt = r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6),
        AttemptCount = r.GetInt32(7),
        Attempts = ReadAttempts(r.GetString(8)),
        Payload = r.GetString(9),
    };

    private static List<WebhookAttempt> ReadAttempts(string json) =>
        JsonSerializer.Deserialize<List<WebhookAttempt>>(json, WebhookJson.Options) ?? [];

    /// <summary>One statement per event, whatever the number of endpoints: the delivery rows come from two arrays.</summary>
    private sealed class EnqueueCompanion(NpgsqlDataSource dataSource, OutboxEvent e, IReadOnlyList<string> endpointIds) : ICommitCompanion
    {
        private readonly string[] deliveryIds = [.. endpointIds.Select(_ => WebhookIds.NewDeliveryId())];

        public void AddTo(NpgsqlBatchCommandCollection commands)
        {
            var command = new NpgsqlBatchCommand(InsertSql);
            AddParameters(command.Parameters);
            commands.Add(command);
        }

        public async Task WriteAloneAsync(CancellationToken cancellationToken)
        {
            await using var command = dataSource.CreateCommand(InsertSql);
            AddParameters(command.Parameters);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private void AddParameters(NpgsqlParameterCollection p)
        {
            p.Add(new NpgsqlParameter<string> { TypedValue = e.TenantId });
            p.Add(new NpgsqlParameter<string> { TypedValue = e.EventId });
            p.Add(new NpgsqlParameter<string> { TypedValue = e.Type });
            p.Add(new NpgsqlParameter<string> { TypedValue = e.Payload });
            p.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = e.CreatedAt.ToUniversalTime() });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = deliveryIds });
            p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. endpointIds] });
        }
    }
}
