using Orleans.Concurrency;

namespace Receptionist.Grains.Events;

/// <summary>
/// The endpoints a tenant registered for its events (key: <see cref="GrainKeys.Tenant"/>), with their signing
/// secrets. At most <see cref="MaxEndpoints"/> per tenant.
/// </summary>
[Alias("webhook-endpoints")]
public interface IWebhookEndpointsGrain : IGrainWithStringKey
{
    public const int MaxEndpoints = 20;

    /// <summary>The new endpoint and its secret, or null when the tenant already has <see cref="MaxEndpoints"/>.</summary>
    [Alias("create")]
    Task<WebhookEndpointWithSecret?> Create(WebhookEndpointSpec spec);

    [Alias("list"), ReadOnly]
    Task<IReadOnlyList<WebhookEndpoint>> List();

    [Alias("get"), ReadOnly]
    Task<WebhookEndpoint?> Get(string endpointId);

    /// <summary>The endpoint as changed, or null when the tenant has no such endpoint.</summary>
    [Alias("update")]
    Task<WebhookEndpoint?> Update(string endpointId, WebhookEndpointSpec spec);

    /// <summary>Deletes the endpoint and its delivery log; false when there was no such endpoint.</summary>
    [Alias("delete")]
    Task<bool> Delete(string endpointId);

    /// <summary>A new secret, which signs every delivery from now on (retries included); null for no such endpoint.</summary>
    [Alias("rotate-secret")]
    Task<WebhookEndpointWithSecret?> RotateSecret(string endpointId);

    /// <summary>The enabled endpoints subscribed to <paramref name="eventType"/>: who an event of that type goes to.</summary>
    [Alias("subscribers"), ReadOnly]
    Task<IReadOnlyList<string>> Subscribers(string eventType);

    /// <summary>Where and how to deliver, for every enabled endpoint.</summary>
    [Alias("targets"), ReadOnly]
    Task<IReadOnlyList<WebhookTarget>> Targets();
}
