using Orleans.Concurrency;

namespace Receptionist.Grains.Events;

/// <summary>
/// Delivers a tenant's outbox to its endpoints (key: <see cref="GrainKeys.Tenant"/>): one activation per tenant, so
/// a delivery is attempted by one sender at a time.
/// </summary>
[Alias("webhook-dispatcher")]
public interface IWebhookDispatcherGrain : IGrainWithStringKey
{
    /// <summary>Something was added to the outbox: deliver it soon. Safe to lose; the durable wake-up covers it.</summary>
    [Alias("wake"), OneWay]
    Task Wake();

    /// <summary>The tenant has endpoints: keep the durable wake-up (an Orleans reminder) registered.</summary>
    [Alias("start")]
    Task Start();

    /// <summary>Sends the delivery again (same <c>webhook-id</c>), with a fresh retry window; null when this tenant has no such delivery.</summary>
    [Alias("replay")]
    Task<WebhookDelivery?> Replay(string endpointId, string deliveryId);
}
