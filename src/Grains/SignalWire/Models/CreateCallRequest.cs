namespace Receptionist.Grains.SignalWire.Models;

/// <summary>An outbound call: SignalWire dials <see cref="To"/> from <see cref="From"/> and fetches cXML from <see cref="Url"/> on answer.</summary>
public sealed record CreateCallRequest(string To, string From, Uri Url)
{
    public Uri? StatusCallback { get; init; }

    /// <summary>Any of <c>initiated</c>, <c>ringing</c>, <c>answered</c>, <c>completed</c>; SignalWire's default is completed only.</summary>
    public IReadOnlyList<string> StatusCallbackEvents { get; init; } = [];

    public bool? Record { get; init; }

    /// <summary>Where SignalWire reports the recording's progress (in-progress, completed, absent) when <see cref="Record"/> is set.</summary>
    public Uri? RecordingStatusCallback { get; init; }

    /// <summary><c>Enable</c>, <c>DetectMessageEnd</c> or null (no detection).</summary>
    public string? MachineDetection { get; init; }

    /// <summary>Seconds to let it ring, 1–600 (SignalWire's default is 60).</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>The four progress events, in the order they fire.</summary>
    public static IReadOnlyList<string> AllProgressEvents { get; } = ["initiated", "ringing", "answered", "completed"];
}
