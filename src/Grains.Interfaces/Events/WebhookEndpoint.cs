namespace Receptionist.Grains.Events;

/// <summary>What a tenant sets on one endpoint: where to, which events, whether deliveries go out.</summary>
[GenerateSerializer, Immutable, Alias("webhook-endpoint-spec")]
public sealed record WebhookEndpointSpec(
    [property: Id(0)] string Url,
    [property: Id(1)] IReadOnlyList<string> EventTypes,
    [property: Id(2)] bool Enabled,
    [property: Id(3)] string? Description);

/// <summary>One registered endpoint as the tenant sees it; its secret is shown only on create and rotate.</summary>
[GenerateSerializer, Immutable, Alias("webhook-endpoint")]
public sealed record WebhookEndpoint(
    [property: Id(0)] string Id,
    [property: Id(1)] WebhookEndpointSpec Spec,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset UpdatedAt);

/// <summary>An endpoint together with its signing secret (<c>whsec_</c> + base64), returned once.</summary>
[GenerateSerializer, Immutable, Alias("webhook-endpoint-with-secret")]
public sealed record WebhookEndpointWithSecret(
    [property: Id(0)] WebhookEndpoint Endpoint,
    [property: Id(1)] string Secret);

/// <summary>What the dispatcher needs to deliver to an endpoint.</summary>
[GenerateSerializer, Immutable, Alias("webhook-target")]
public sealed record WebhookTarget(
    [property: Id(0)] string EndpointId,
    [property: Id(1)] string Url,
    [property: Id(2)] string Secret);
