using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Receptionist.Grains.Events;

/// <summary>
/// A tenant's endpoints in one small state (at most <see cref="IWebhookEndpointsGrain.MaxEndpoints"/>): every event the
/// tenant emits asks it who subscribes, from memory.
/// </summary>
public sealed class WebhookEndpointsGrain(
    [PersistentState(stateName: "webhook-endpoints", storageName: StorageNames.Default)] IPersistentState<WebhookEndpointsState> state,
    IWebhookOutbox outbox,
    TimeProvider clock,
    ILogger<WebhookEndpointsGrain> logger)
    : Grain, IWebhookEndpointsGrain
{
    private string TenantId => GrainKeys.IdOf(this.GetPrimaryKeyString());

    private List<StoredWebhookEndpoint> Endpoints => state.State.Endpoints;

    async Task<WebhookEndpointWithSecret?> IWebhookEndpointsGrain.Create(WebhookEndpointSpec spec)
    {
        if (Endpoints.Count >= IWebhookEndpointsGrain.MaxEndpoints)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var endpoint = new StoredWebhookEndpoint { Id = WebhookIds.NewEndpointId(), Spec = spec, Secret = WebhookSignature.NewSecret(), CreatedAt = now, UpdatedAt = now };
        Endpoints.Add(endpoint);
        await WriteAsync();
        await Dispatcher.Start();
        logger.LogInformation("Tenant {TenantId} registered webhook endpoint {EndpointId}", TenantId, endpoint.Id);
        return new WebhookEndpointWithSecret(endpoint.ToEndpoint(), endpoint.Secret);
    }

    Task<IReadOnlyList<WebhookEndpoint>> IWebhookEndpointsGrain.List() =>
        Task.FromResult<IReadOnlyList<WebhookEndpoint>>([.. Endpoints.Select(e => e.ToEndpoint())]);

    Task<WebhookEndpoint?> IWebhookEndpointsGrain.Get(string endpointId) => Task.FromResult(Find(endpointId)?.ToEndpoint());

    async Task<WebhookEndpoint?> IWebhookEndpointsGrain.Update(string endpointId, WebhookEndpointSpec spec)
    {
        if (Find(endpointId) is not { } endpoint)
        {
            return null;
        }

        endpoint.Spec = spec;
        endpoint.UpdatedAt = clock.GetUtcNow();
        await WriteAsync();

        // Re-enabled: what it missed while disabled is still pending and goes out now.
        await Dispatcher.Start();
        await Dispatcher.Wake();
        return endpoint.ToEndpoint();
    }

    async Task<bool> IWebhookEndpointsGrain.Delete(string endpointId)
    {
        if (Find(endpointId) is not { } endpoint)
        {
            return false;
        }

        Endpoints.Remove(endpoint);
        await WriteAsync();

        // After the state write: a delivery left behind by a failure here belongs to no endpoint and is never sent.
        await outbox.DeleteEndpointAsync(TenantId, endpointId);
        logger.LogInformation("Tenant {TenantId} deleted webhook endpoint {EndpointId}", TenantId, endpointId);
        return true;
    }

    async Task<WebhookEndpointWithSecret?> IWebhookEndpointsGrain.RotateSecret(string endpointId)
    {
        if (Find(endpointId) is not { } endpoint)
        {
            return null;
        }

        endpoint.Secret = WebhookSignature.NewSecret();
        endpoint.UpdatedAt = clock.GetUtcNow();
        await WriteAsync();
        logger.LogInformation("Tenant {TenantId} rotated the secret of webhook endpoint {EndpointId}", TenantId, endpointId);
        return new WebhookEndpointWithSecret(endpoint.ToEndpoint(), endpoint.Secret);
    }

    Task<IReadOnlyList<string>> IWebhookEndpointsGrain.Subscribers(string eventType) =>
        Task.FromResult<IReadOnlyList<string>>([.. Endpoints.Where(e => e.Spec.Enabled && e.Spec.EventTypes.Contains(eventType)).Select(e => e.Id)]);

    Task<IReadOnlyList<WebhookTarget>> IWebhookEndpointsGrain.Targets() =>
        Task.FromResult<IReadOnlyList<WebhookTarget>>([.. Endpoints.Where(e => e.Spec.Enabled).Select(e => new WebhookTarget(e.Id, e.Spec.Url, e.Secret))]);

    private IWebhookDispatcherGrain Dispatcher => GrainFactory.GetGrain<IWebhookDispatcherGrain>(this.GetPrimaryKeyString());

    private StoredWebhookEndpoint? Find(string endpointId) => Endpoints.Find(e => e.Id == endpointId);

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Memory may now be ahead of storage: start over from what is durable.
            DeactivateOnIdle();
            throw;
        }
    }
}
