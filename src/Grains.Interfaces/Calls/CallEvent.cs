namespace Receptionist.Grains.Calls;

/// <summary>
/// One webhook about a call, as SignalWire sent it (parsed, validated). <see cref="OccurredAt"/> is SignalWire's
/// <c>Timestamp</c> when it sent one, else when we received the webhook.
/// </summary>
[GenerateSerializer, Immutable, Alias("call-event")]
public sealed record CallEvent
{
    [Id(0)] public required CallEventKind Kind { get; init; }

    [Id(1)] public required string CallSid { get; init; }

    [Id(2)] public string? AccountSid { get; init; }

    [Id(3)] public string? From { get; init; }

    [Id(4)] public string? To { get; init; }

    /// <summary><c>inbound</c>, <c>outbound-api</c> or <c>outbound-dial</c>, as sent.</summary>
    [Id(5)] public string? Direction { get; init; }

    /// <summary>Absent only on recording callbacks.</summary>
    [Id(6)] public CallStatus? Status { get; init; }

    [Id(7)] public required DateTimeOffset OccurredAt { get; init; }

    [Id(8)] public int? SequenceNumber { get; init; }

    [Id(9)] public int? DurationSeconds { get; init; }

    [Id(10)] public decimal? Price { get; init; }

    [Id(11)] public string? PriceUnit { get; init; }

    [Id(12)] public string? AnsweredBy { get; init; }

    [Id(13)] public string? ParentCallSid { get; init; }

    [Id(14)] public string? RecordingSid { get; init; }

    [Id(15)] public string? RecordingUrl { get; init; }

    [Id(16)] public string? RecordingStatus { get; init; }

    [Id(17)] public int? RecordingDurationSeconds { get; init; }

    [Id(18)] public string? HangupBy { get; init; }

    [Id(19)] public string? SipResultCode { get; init; }

    public bool IsOutbound => Direction?.StartsWith("outbound", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Two deliveries of the same SignalWire event share this key, whatever else differs (a retried callback, or the
    /// same status reported to both status URLs). Status events are unique per status within a call, except that a
    /// delivery carrying a price is a fact of its own: SignalWire may price a call only after reporting it completed,
    /// and that late price must not be dropped as a duplicate of the unpriced report.
    /// </summary>
    public string DeduplicationKey => Kind switch
    {
        CallEventKind.Recording => $"recording:{RecordingSid}:{RecordingStatus}",
        CallEventKind.VoiceRequest => $"voice:{Status?.ToWire()}",
        CallEventKind.Placed => "placed",
        _ when Price is not null => $"status:{Status?.ToWire()}:priced",
        _ => $"status:{Status?.ToWire()}",
    };
}
