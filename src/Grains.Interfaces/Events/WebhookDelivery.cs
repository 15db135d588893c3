namespace Receptionist.Grains.Events;

[GenerateSerializer, Alias("webhook-delivery-status")]
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Succeeded,

    /// <summary>Retried for the whole retry window without success; sent again only by a replay.</summary>
    Parked,
}

/// <summary>One attempt: when, what the endpoint answered (status code) or why there was no answer.</summary>
[GenerateSerializer, Immutable, Alias("webhook-attempt")]
public sealed record WebhookAttempt(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] string? Error,
    [property: Id(3)] int DurationMs);

/// <summary>One event on its way to one endpoint, with its latest attempts.</summary>
[GenerateSerializer, Immutable, Alias("webhook-delivery")]
public sealed record WebhookDelivery
{
    [Id(0)] public required string DeliveryId { get; init; }

    [Id(1)] public required string EndpointId { get; init; }

    /// <summary>The <c>webhook-id</c>: the same on every attempt and replay, so receivers can deduplicate.</summary>
    [Id(2)] public required string EventId { get; init; }

    [Id(3)] public required string EventType { get; init; }

    [Id(4)] public required WebhookDeliveryStatus Status { get; init; }

    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(6)] public DateTimeOffset? NextAttemptAt { get; init; }

    [Id(7)] public int AttemptCount { get; init; }

    /// <summary>The latest attempts, newest last (at most <see cref="MaxKeptAttempts"/>).</summary>
    [Id(8)] public IReadOnlyList<WebhookAttempt> Attempts { get; init; } = [];

    /// <summary>The JSON body sent (and signed).</summary>
    [Id(9)] public required string Payload { get; init; }

    public const int MaxKeptAttempts = 20;
}

/// <summary>A page of one endpoint's delivery log, newest first.</summary>
[GenerateSerializer, Immutable, Alias("webhook-delivery-query")]
public sealed record WebhookDeliveryQuery(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string EndpointId,
    [property: Id(2)] WebhookDeliveryStatus? Status,
    [property: Id(3)] int Limit,
    [property: Id(4)] DateTimeOffset? AfterCreatedAt,
    [property: Id(5)] string? AfterDeliveryId);

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDelivery> Deliveries, bool HasMore);

/// <summary>The delivery log as the API reads it (PostgreSQL when durable, memory otherwise).</summary>
public interface IWebhookDeliveryLog
{
    Task<WebhookDeliveryPage> QueryAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken = default);
}
