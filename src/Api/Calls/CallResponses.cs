using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Calls;

namespace Receptionist.Api.Calls;

/// <summary>A call in lists and in the live stream.</summary>
public sealed record CallSummaryResponse(
    string CallSid, string Status, string Direction, string? From, string? To, int? DurationSeconds, decimal? Price,
    string? PriceUnit, DateTimeOffset CreatedAt, DateTimeOffset? RangAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EndedAt,
    string? AnsweredBy)
{
    public static CallSummaryResponse Of(CallSummary c) => new(
        c.CallSid, c.Status.ToWire(), c.Direction, c.From, c.To, c.DurationSeconds, c.Price, c.PriceUnit, c.CreatedAt,
        c.RangAt, c.AnsweredAt, c.EndedAt, c.AnsweredBy);
}

/// <summary>One call with its recordings and event history (oldest first). Never carries the tenant.</summary>
public sealed record CallResponse(
    string CallSid, string Status, string Direction, string? From, string? To, int? DurationSeconds, decimal? Price,
    string? PriceUnit, DateTimeOffset CreatedAt, DateTimeOffset? RangAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EndedAt,
    string? AnsweredBy, IReadOnlyList<CallRecordingResponse> Recordings, IReadOnlyList<CallEventResponse> Events)
{
    /// <summary>The way through the IVR (flow version, steps, outcome); null when the call never entered one.</summary>
    public IvrJourney? Ivr { get; init; }

    public static CallResponse Of(CallDetails details)
    {
        var c = details.Summary;
        return new(c.CallSid, c.Status.ToWire(), c.Direction, c.From, c.To, c.DurationSeconds, c.Price, c.PriceUnit, c.CreatedAt,
            c.RangAt, c.AnsweredAt, c.EndedAt, c.AnsweredBy,
            [.. details.Recordings.Select(r => new CallRecordingResponse(r.RecordingSid, r.Url, r.Status, r.DurationSeconds))],
            [.. details.Events.Select(CallEventResponse.Of)]) { Ivr = details.Ivr };
    }
}

public sealed record CallRecordingResponse(string RecordingSid, string? Url, string? Status, int? DurationSeconds);

public sealed record CallEventResponse(
    string Type, string? Status, DateTimeOffset OccurredAt, int? SequenceNumber, int? DurationSeconds, string? AnsweredBy,
    string? RecordingSid, string? RecordingStatus)
{
    public static CallEventResponse Of(CallEvent e) => new(
        e.Kind switch { CallEventKind.VoiceRequest => "voice-request", CallEventKind.Recording => "recording", _ => "status" },
        e.Status?.ToWire(), e.OccurredAt, e.SequenceNumber, e.DurationSeconds, e.AnsweredBy, e.RecordingSid, e.RecordingStatus);
}

/// <summary>A page of the call list; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one (null: no more).</summary>
public sealed record CallListResponse(IReadOnlyList<CallSummaryResponse> Calls, string? NextCursor);
