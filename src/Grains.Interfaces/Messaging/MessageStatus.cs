namespace Receptionist.Grains.Messaging;

/// <summary>
/// A message's status, in the order a message moves through them. Outbound: queued → sending → sent → delivered,
/// undelivered or failed; inbound: receiving → received. Every value from <see cref="Received"/> on is final.
/// </summary>
[GenerateSerializer, Alias("message-status")]
public enum MessageStatus
{
    Queued,
    Initiated,
    Sending,
    Receiving,
    Sent,
    Received,
    Delivered,
    Undelivered,
    Failed,
}

/// <summary>SignalWire's spelling of <see cref="MessageStatus"/> and the forward-only ordering between statuses.</summary>
public static class MessageStatuses
{
    private static readonly Dictionary<string, MessageStatus> ByWireName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["queued"] = MessageStatus.Queued,
        // Messaging-service sends start "accepted"; it means the same as queued here.
        ["accepted"] = MessageStatus.Queued,
        ["initiated"] = MessageStatus.Initiated,
        ["sending"] = MessageStatus.Sending,
        ["receiving"] = MessageStatus.Receiving,
        ["sent"] = MessageStatus.Sent,
        ["received"] = MessageStatus.Received,
        ["delivered"] = MessageStatus.Delivered,
        ["undelivered"] = MessageStatus.Undelivered,
        ["failed"] = MessageStatus.Failed,
    };

    public static IReadOnlyCollection<string> WireNames { get; } = [.. Enum.GetValues<MessageStatus>().Select(ToWire)];

    public static bool TryParse(string? value, out MessageStatus status) => ByWireName.TryGetValue(value ?? "", out status);

    public static string ToWire(this MessageStatus status) => status.ToString().ToLowerInvariant();

    public static bool IsFinal(this MessageStatus status) => status >= MessageStatus.Received;

    /// <summary>How far along a message is; all final statuses share the last rank.</summary>
    public static int Rank(this MessageStatus status) => status switch
    {
        MessageStatus.Queued => 0,
        MessageStatus.Initiated => 1,
        MessageStatus.Sending or MessageStatus.Receiving => 2,
        MessageStatus.Sent => 3,
        _ => 4,
    };
}
