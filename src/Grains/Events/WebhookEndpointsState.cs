namespace Receptionist.Grains.Events;

[GenerateSerializer, Alias("webhook-endpoints-state")]
public sealed class WebhookEndpointsState
{
    [Id(0)] public List<StoredWebhookEndpoint> Endpoints { get; set; } = [];
}

[GenerateSerializer, Alias("stored-webhook-endpoint")]
public sealed class StoredWebhookEndpoint
{
    [Id(0)] public required string Id { get; set; }

    [Id(1)] public required WebhookEndpointSpec Spec { get; set; }

    [Id(2)] public required string Secret { get; set; }

    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    [Id(4)] public DateTimeOffset UpdatedAt { get; set; }

    public WebhookEndpoint ToEndpoint() => new(Id, Spec, CreatedAt, UpdatedAt);
}
