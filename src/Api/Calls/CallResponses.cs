using System.Text.Json.Nodes;
using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Reports;

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

    /// <summary>What the business gets from the call (AI summary and transcript, voicemail transcriptions); null: nothing yet.</summary>
    public CallReportResponse? Report { get; init; }

    public static CallResponse Of(CallDetails details, CallReport? report = null)
    {
        var c = details.Summary;
        return new(c.CallSid, c.Status.ToWire(), c.Direction, c.From, c.To, c.DurationSeconds, c.Price, c.PriceUnit, c.CreatedAt,
            c.RangAt, c.AnsweredAt, c.EndedAt, c.AnsweredBy,
            [.. details.Recordings.Select(CallRecordingResponse.Of)],
            [.. details.Events.Select(CallEventResponse.Of)]) { Ivr = details.Ivr, Report = CallReportResponse.Of(report) };
    }
}

/// <summary>
/// The call's report. <see cref="Summary"/> is the agent's answer to our post-prompt (caller, reason, callback number,
/// outcome), else SignalWire's conversation summary; <see cref="Transcript"/> holds the caller's and the agent's turns.
/// </summary>
public sealed record CallReportResponse(
    string? Summary, string? ConversationSummary, JsonNode? PostPromptData, IReadOnlyList<TranscriptTurnResponse> Transcript,
    int OmittedTurns, AgentUsage? Usage, string? EndedBy, IReadOnlyList<VoicemailTranscriptionResponse> Voicemails)
{
    public static CallReportResponse? Of(CallReport? report)
    {
        if (report is null)
        {
            return null;
        }

        var ai = report.Conversation;
        return new(ai?.PostPromptRaw ?? ai?.Summary, ai?.Summary,
            ai is null ? null : new JsonObject { ["raw"] = ai.PostPromptRaw, ["parsed"] = ai.PostPromptParsed is { } parsed ? JsonNode.Parse(parsed) : null },
            [.. (ai?.Transcript ?? []).Select(t => new TranscriptTurnResponse(t.Role, t.Text, t.At))],
            ai?.OmittedTurns ?? 0, ai?.Usage, ai?.EndedBy,
            [.. report.Voicemails.Select(v => new VoicemailTranscriptionResponse(v.RecordingSid, v.Status, v.Text))]);
    }
}

public sealed record TranscriptTurnResponse(string Role, string Text, DateTimeOffset? At);

public sealed record VoicemailTranscriptionResponse(string RecordingSid, string Status, string? Transcription);

public sealed record CallRecordingResponse(string RecordingSid, string? Url, string? Status, int? DurationSeconds)
{
    public static CallRecordingResponse Of(CallRecording r) => new(r.RecordingSid, r.Url, r.Status, r.DurationSeconds);
}

public sealed record CallEventResponse(
    string Type, string? Status, DateTimeOffset OccurredAt, int? SequenceNumber, int? DurationSeconds, string? AnsweredBy,
    string? RecordingSid, string? RecordingStatus)
{
    public static CallEventResponse Of(CallEvent e) => new(
        e.Kind switch { CallEventKind.VoiceRequest => "voice-request", CallEventKind.Recording => "recording", CallEventKind.Placed => "placed", _ => "status" },
        e.Status?.ToWire(), e.OccurredAt, e.SequenceNumber, e.DurationSeconds, e.AnsweredBy, e.RecordingSid, e.RecordingStatus);
}

/// <summary>A page of the call list; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one (null: no more).</summary>
public sealed record CallListResponse(IReadOnlyList<CallSummaryResponse> Calls, string? NextCursor);
