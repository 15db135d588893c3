using System.Text.Json;
using Receptionist.Grains.Events;

namespace Receptionist.Api.Events;

/// <summary>An endpoint as listed; its secret is never shown again after create and rotate.</summary>
public sealed record WebhookEndpointResponse(
    string Id, string Url, IReadOnlyList<string> EventTypes, bool Enabled, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static WebhookEndpointResponse Of(WebhookEndpoint e) =>
        new(e.Id, e.Spec.Url, e.Spec.EventTypes, e.Spec.Enabled, e.Spec.Description, e.CreatedAt, e.UpdatedAt);
}

/// <summary>The answer to a create: the endpoint and its signing secret (<c>whsec_...</c>), shown this once.</summary>
public sealed record WebhookEndpointCreatedResponse(
    string Id, string Url, IReadOnlyList<string> EventTypes, bool Enabled, string? Description, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Secret)
{
    public static WebhookEndpointCreatedResponse Of(WebhookEndpointWithSecret created)
    {
        var e = created.Endpoint;
        return new(e.Id, e.Spec.Url, e.Spec.EventTypes, e.Spec.Enabled, e.Spec.Description, e.CreatedAt, e.UpdatedAt, created.Secret);
    }
}

/// <summary>The new signing secret of an endpoint, shown this once.</summary>
public sealed record WebhookSecretResponse(string EndpointId, string Secret);

public sealed record WebhookEndpointListResponse(IReadOnlyList<WebhookEndpointResponse> Endpoints);

public sealed record WebhookAttemptResponse(DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

/// <summary>One event sent (or to be sent) to the endpoint, with its latest attempts and the body that was signed.</summary>
public sealed record WebhookDeliveryResponse(
    string DeliveryId, string EventId, string EventType, string Status, DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt,
    int AttemptCount, IReadOnlyList<WebhookAttemptResponse> Attempts, JsonElement Payload)
{
    public static WebhookDeliveryResponse Of(WebhookDelivery d)
    {
        using var payload = JsonDocument.Parse(d.Payload);
        return new(d.DeliveryId, d.EventId, d.EventType, d.Status.ToWire(), d.CreatedAt, d.NextAttemptAt, d.AttemptCount,
            [.. d.Attempts.Select(a => new WebhookAttemptResponse(a.At, a.StatusCode, a.Error, a.DurationMs))], payload.RootElement.Clone());
    }
}

public sealed record WebhookDeliveryListResponse(IReadOnlyList<WebhookDeliveryResponse> Deliveries, string? Next);
