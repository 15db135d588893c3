namespace Receptionist.Grains.Messaging;

/// <summary>
/// Plain-language meanings of the delivery error codes SignalWire reports. Status callbacks carry only the code; the
/// text saves every client from keeping its own table.
/// </summary>
public static class MessageErrorCodes
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["21610"] = "The recipient has unsubscribed (replied STOP).",
        ["30001"] = "Queue overflow: too many messages queued for the sender.",
        ["30002"] = "Account suspended.",
        ["30003"] = "Unreachable destination handset.",
        ["30004"] = "Message blocked by the recipient or carrier.",
        ["30005"] = "Unknown destination handset.",
        ["30006"] = "Landline or unreachable carrier.",
        ["30007"] = "Filtered by the carrier as spam.",
        ["30008"] = "Unknown delivery error.",
    };

    public static string? Describe(string? code) =>
        code is not null && Descriptions.TryGetValue(code, out var text) ? text : null;
}
