namespace Receptionist.Grains.Calls;

/// <summary>A call's status, in the order a call moves through them; every value after <see cref="InProgress"/> is terminal.</summary>
[GenerateSerializer, Alias("call-status")]
public enum CallStatus
{
    Queued,
    Initiated,
    Ringing,
    InProgress,
    Completed,
    Busy,
    Failed,
    NoAnswer,
    Canceled,
}

/// <summary>SignalWire's spelling of <see cref="CallStatus"/> and the forward-only ordering between statuses.</summary>
public static class CallStatuses
{
    private static readonly Dictionary<string, CallStatus> ByWireName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["queued"] = CallStatus.Queued,
        ["initiated"] = CallStatus.Initiated,
        ["ringing"] = CallStatus.Ringing,
        ["in-progress"] = CallStatus.InProgress,
        // The "answered" subscription arrives as in-progress; accept the name too, it means the same.
        ["answered"] = CallStatus.InProgress,
        ["completed"] = CallStatus.Completed,
        ["busy"] = CallStatus.Busy,
        ["failed"] = CallStatus.Failed,
        ["no-answer"] = CallStatus.NoAnswer,
        ["canceled"] = CallStatus.Canceled,
    };

    public static IReadOnlyCollection<string> WireNames { get; } =
        [.. Enum.GetValues<CallStatus>().Select(ToWire)];

    public static bool TryParse(string? value, out CallStatus status) =>
        ByWireName.TryGetValue(value ?? "", out status);

    public static string ToWire(this CallStatus status) => status switch
    {
        CallStatus.InProgress => "in-progress",
        CallStatus.NoAnswer => "no-answer",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static bool IsTerminal(this CallStatus status) => status >= CallStatus.Completed;

    /// <summary>How far along a call is; all terminal statuses share the last rank.</summary>
    public static int Rank(this CallStatus status) => status.IsTerminal() ? (int)CallStatus.Completed : (int)status;
}
