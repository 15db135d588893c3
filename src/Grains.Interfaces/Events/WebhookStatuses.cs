namespace Receptionist.Grains.Events;

/// <summary>The wire and column names of <see cref="WebhookDeliveryStatus"/>.</summary>
public static class WebhookStatuses
{
    public static string ToWire(this WebhookDeliveryStatus status) => status switch
    {
        WebhookDeliveryStatus.Pending => "pending",
        WebhookDeliveryStatus.Succeeded => "succeeded",
        WebhookDeliveryStatus.Parked => "parked",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static readonly IReadOnlyList<string> WireNames = ["pending", "succeeded", "parked"];

    public static bool TryParse(string? name, out WebhookDeliveryStatus status)
    {
        status = name switch
        {
            "pending" => WebhookDeliveryStatus.Pending,
            "succeeded" => WebhookDeliveryStatus.Succeeded,
            "parked" => WebhookDeliveryStatus.Parked,
            _ => (WebhookDeliveryStatus)(-1),
        };
        return (int)status >= 0;
    }
}
