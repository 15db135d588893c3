using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Events;

/// <summary>An event ready to be written: its id (the <c>webhook-id</c>), type and the exact JSON body to send.</summary>
public sealed record OutboxEvent(string TenantId, string EventId, string Type, string Payload, DateTimeOffset CreatedAt);

/// <summary>A delivery whose attempt is due, with what its next state is computed from.</summary>
public sealed record DueDelivery(
    string DeliveryId, string EndpointId, string EventId, string Payload, int AttemptCount, DateTimeOffset RetryFrom,
    IReadOnlyList<WebhookAttempt> Attempts);

/// <summary>A delivery's new state after an attempt (or after being held back behind a failed one).</summary>
public sealed record DeliveryChange(
    string DeliveryId, WebhookDeliveryStatus Status, DateTimeOffset? NextAttemptAt, int AttemptCount, IReadOnlyList<WebhookAttempt> Attempts);

/// <summary>
/// The durable outbox of tenant events: one row per (event, endpoint), written in the transaction of the state change
/// that produced the event, and the delivery log those rows make. PostgreSQL when durable, memory otherwise.
/// </summary>
public interface IWebhookOutbox : IWebhookDeliveryLog
{
    /// <summary>
    /// The write of one event's deliveries to <paramref name="endpointIds"/>, as a companion of a grain's state write.
    /// Idempotent: an event id already queued for an endpoint is not queued twice.
    /// </summary>
    ICommitCompanion Enqueue(OutboxEvent e, IReadOnlyList<string> endpointIds);

    /// <summary>Pending deliveries to these endpoints whose attempt is due, oldest event first.</summary>
    Task<IReadOnlyList<DueDelivery>> DueAsync(string tenantId, IReadOnlyList<string> endpointIds, DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>The earliest next attempt among the pending deliveries to these endpoints.</summary>
    Task<DateTimeOffset?> NextDueAsync(string tenantId, IReadOnlyList<string> endpointIds, CancellationToken cancellationToken = default);

    Task RecordAsync(string tenantId, DeliveryChange change, CancellationToken cancellationToken = default);

    /// <summary>Makes the delivery pending again, due now, with a fresh retry window; null when the tenant has no such delivery.</summary>
    Task<WebhookDelivery?> ReplayAsync(string tenantId, string endpointId, string deliveryId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Forgets a deleted endpoint's deliveries.</summary>
    Task DeleteEndpointAsync(string tenantId, string endpointId, CancellationToken cancellationToken = default);

    /// <summary>Forgets finished deliveries last changed before <paramref name="before"/> (at most <paramref name="limit"/>).</summary>
    Task<int> PruneAsync(string tenantId, DateTimeOffset before, int limit, CancellationToken cancellationToken = default);
}
