using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Events;

/// <summary>The outbox of the embedded (non-durable) mode: same contract as <see cref="PostgresWebhookOutbox"/>.</summary>
public sealed class InMemoryWebhookOutbox : IWebhookOutbox
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Row> rows = new(StringComparer.Ordinal);

    /// <summary>(endpoint, event) pairs ever queued: the unique key of the PostgreSQL table.</summary>
    private readonly HashSet<(string EndpointId, string EventId)> queued = [];

    public ICommitCompanion Enqueue(OutboxEvent e, IReadOnlyList<string> endpointIds) => new EnqueueCompanion(this, e, endpointIds);

    public Task<IReadOnlyList<DueDelivery>> DueAsync(string tenantId, IReadOnlyList<string> endpointIds, DateTimeOffset now, int limit,
        CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            IReadOnlyList<DueDelivery> due = [.. Pending(tenantId, endpointIds)
                .Where(r => r.Delivery.NextAttemptAt <= now)
                .OrderBy(r => r.Delivery.CreatedAt).ThenBy(r => r.Delivery.DeliveryId, StringComparer.Ordinal)
                .Take(limit)
                .Select(r => new DueDelivery(r.Delivery.DeliveryId, r.Delivery.EndpointId, r.Delivery.EventId, r.Delivery.Payload,
                    r.Delivery.AttemptCount, r.RetryFrom, r.Delivery.Attempts))];
            return Task.FromResult(due);
        }
    }

    public Task<DateTimeOffset?> NextDueAsync(string tenantId, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(Pending(tenantId, endpointIds).Min(r => r.Delivery.NextAttemptAt));
        }
    }

    public Task RecordAsync(string tenantId, DeliveryChange change, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (rows.TryGetValue(change.DeliveryId, out var row) && row.TenantId == tenantId)
            {
                rows[change.DeliveryId] = row with
                {
                    Delivery = row.Delivery with
                    {
                        Status = change.Status,
                        NextAttemptAt = change.NextAttemptAt,
                        AttemptCount = change.AttemptCount,
                        Attempts = change.Attempts,
                    },
                    UpdatedAt = DateTimeOffset.UtcNow,
                };
            }
        }

        return Task.CompletedTask;
    }

    public Task<WebhookDelivery?> ReplayAsync(string tenantId, string endpointId, string deliveryId, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!rows.TryGetValue(deliveryId, out var row) || row.TenantId != tenantId || row.Delivery.EndpointId != endpointId)
            {
                return Task.FromResult<WebhookDelivery?>(null);
            }

            var replayed = row with { Delivery = row.Delivery with { Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now }, RetryFrom = now, UpdatedAt = now };
            rows[deliveryId] = replayed;
            return Task.FromResult<WebhookDelivery?>(replayed.Delivery);
        }
    }

    public Task DeleteEndpointAsync(string tenantId, string endpointId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            foreach (var id in rows.Values.Where(r => r.TenantId == tenantId && r.Delivery.EndpointId == endpointId).Select(r => r.Delivery.DeliveryId).ToList())
            {
                rows.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> PruneAsync(string tenantId, DateTimeOffset before, int limit, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var old = rows.Values
                .Where(r => r.TenantId == tenantId && r.Delivery.Status != WebhookDeliveryStatus.Pending && r.UpdatedAt < before)
                .Take(limit).Select(r => r.Delivery.DeliveryId).ToList();
            old.ForEach(id => rows.Remove(id));
            return Task.FromResult(old.Count);
        }
    }

    public Task<WebhookDeliveryPage> QueryAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            var matches = rows.Values
                .Where(r => r.TenantId == query.TenantId && r.Delivery.EndpointId == query.EndpointId)
                .Select(r => r.Delivery)
                .Where(d => query.Status is null || d.Status == query.Status)
                .Where(d => query.AfterCreatedAt is null || d.CreatedAt < query.AfterCreatedAt
                    || (d.CreatedAt == query.AfterCreatedAt && string.CompareOrdinal(d.DeliveryId, query.AfterDeliveryId) < 0))
                .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.DeliveryId, StringComparer.Ordinal)
                .Take(query.Limit + 1)
                .ToList();
            return Task.FromResult(matches.Count > query.Limit
                ? new WebhookDeliveryPage(matches[..query.Limit], HasMore: true)
                : new WebhookDeliveryPage(matches, HasMore: false));
        }
    }

    private IEnumerable<Row> Pending(string tenantId, IReadOnlyList<string> endpointIds) =>
        rows.Values.Where(r => r.TenantId == tenantId && r.Delivery.Status == WebhookDeliveryStatus.Pending && endpointIds.Contains(r.Delivery.EndpointId));

    private void Add(OutboxEvent e, IReadOnlyList<string> endpointIds)
    {
        lock (gate)
        {
            foreach (var endpointId in endpointIds)
            {
                if (!queued.Add((endpointId, e.EventId)))
                {
                    continue;
                }

                var delivery = new WebhookDelivery
                {
                    DeliveryId = WebhookIds.NewDeliveryId(),
                    EndpointId = endpointId,
                    EventId = e.EventId,
                    EventType = e.Type,
                    Status = WebhookDeliveryStatus.Pending,
                    CreatedAt = e.CreatedAt,
                    NextAttemptAt = e.CreatedAt,
                    Payload = e.Payload,
                };
                rows[delivery.DeliveryId] = new Row(e.TenantId, delivery, e.CreatedAt, e.CreatedAt);
            }
        }
    }

    private sealed record Row(string TenantId, WebhookDelivery Delivery, DateTimeOffset RetryFrom, DateTimeOffset UpdatedAt);

    private sealed class EnqueueCompanion(InMemoryWebhookOutbox outbox, OutboxEvent e, IReadOnlyList<string> endpointIds) : ICommitCompanion
    {
        public void AddTo(Npgsql.NpgsqlBatchCommandCollection commands) =>
            throw new NotSupportedException("The in-memory outbox is written only by storage that does not join companions.");

        public Task WriteAloneAsync(CancellationToken cancellationToken)
        {
            outbox.Add(e, endpointIds);
            return Task.CompletedTask;
        }
    }
}
