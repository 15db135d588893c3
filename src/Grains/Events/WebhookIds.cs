using System.Security.Cryptography;
using System.Text;

namespace Receptionist.Grains.Events;

/// <summary>The ids of endpoints, events and deliveries; time-ordered where they are paged by.</summary>
public static class WebhookIds
{
    public static string NewEndpointId() => "ep_" + Guid.CreateVersion7().ToString("N");

    public static string NewDeliveryId() => "dlv_" + Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// An event's id (its <c>webhook-id</c>), derived from what caused it: the same cause (a repeated webhook, a
    /// companion write run twice) gives the same id, which the outbox queues once.
    /// </summary>
    public static string EventId(string tenantId, string type, string sourceKey) =>
        "msg_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{tenantId}\n{type}\n{sourceKey}")).AsSpan(0, 16));
}
