using System.Text.Json;
using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Events;

/// <summary>
/// How a grain tells the tenant's systems about something that happened to it: the event is written to the outbox in
/// the same transaction as the grain's own state change, so it exists exactly when the change does.
/// <code>
/// var events = await outbox.PrepareAsync(tenantId, WebhookEventTypes.CallCompleted, $"{callSid}", occurredAt, data);
/// await companions.WriteStateAsync(state, this.GetGrainId(), "call", events);   // state + event, one commit
/// outbox.Notify(tenantId, events);                                               // deliver soon
/// </code>
/// <paramref name="sourceKey"/> names what caused the event (a call SID, a message SID and keyword): the event id,
/// and so the <c>webhook-id</c> receivers deduplicate by, is derived from it. <c>data</c> is any object serialised
/// as camelCase JSON. When no enabled endpoint of the tenant subscribes to the type, nothing is written.
/// </summary>
public sealed class EventOutbox(IWebhookOutbox outbox, IGrainFactory grains, TimeProvider clock)
{
    public async Task<IReadOnlyList<ICommitCompanion>> PrepareAsync(string tenantId, string type, string sourceKey, DateTimeOffset occurredAt, object data)
    {
        var endpoints = await grains.GetGrain<IWebhookEndpointsGrain>(GrainKeys.Tenant(tenantId)).Subscribers(type);
        if (endpoints.Count == 0)
        {
            return [];
        }

        var payload = JsonSerializer.Serialize(new { type, timestamp = occurredAt.UtcDateTime, data }, WebhookJson.Options);
        var e = new OutboxEvent(tenantId, WebhookIds.EventId(tenantId, type, sourceKey), type, payload, clock.GetUtcNow());
        return [outbox.Enqueue(e, endpoints)];
    }

    /// <summary>After the commit: wakes the tenant's dispatcher (one-way; if lost, its reminder picks the event up).</summary>
    public void Notify(string tenantId, IReadOnlyList<ICommitCompanion> events)
    {
        if (events.Count > 0)
        {
            _ = grains.GetGrain<IWebhookDispatcherGrain>(GrainKeys.Tenant(tenantId)).Wake();
        }
    }
}
