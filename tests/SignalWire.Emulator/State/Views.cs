namespace SignalWire.Emulator.State;

/// <summary>Immutable snapshots of the emulator's state, for assertions.</summary>
public sealed record CallView(
    string Sid, string To, string From, string Direction, string Status, int? Duration, string? Url, string? StatusCallback,
    IReadOnlyList<string> Events, bool Record, string? MachineDetection, int TimeoutSeconds, IReadOnlyList<string> CxmlRequests);

public sealed record MessageView(string Sid, string To, string From, string? Body, IReadOnlyList<string> MediaUrls, string Direction, string Status, string? ErrorCode, string? StatusCallback);

public sealed record NumberView(string Sid, string PhoneNumber, string FriendlyName, string? VoiceUrl, string VoiceMethod, string? StatusCallback, string? SmsUrl, string SmsMethod);

public sealed record RecordingView(string Sid, string CallSid, int Duration);

/// <summary>One webhook or callback the emulator sent, and what came back (null: no answer).</summary>
public sealed record DeliveredWebhook(string Kind, string Url, IReadOnlyList<KeyValuePair<string, string>> Form, string Signature, int? StatusCode, string? ResponseBody);
