using Receptionist.Grains.Calls;

namespace Receptionist.Grains.Reports;

/// <summary>
/// The <c>call.summary.ready</c> event's <c>data</c>: what the business needs to act on a call without opening it, with
/// links to the rest. Bounded whatever the report held: the summary is cut to <see cref="MaxSummaryChars"/> characters
/// (<c>summaryTruncated</c> says so), the caller's name to <see cref="MaxNameChars"/>, the callback number to
/// <see cref="MaxNumberChars"/>; no transcript (the call's detail has it), so a body stays under about 3 kB.
/// </summary>
public static class SummaryReadyEvent
{
    public const int MaxSummaryChars = 2_000;
    public const int MaxNameChars = 100;
    public const int MaxNumberChars = 32;

    public static object OfConversation(CallDetails call, AgentConversation report, AgentOutcome outcome)
    {
        var summary = report.PostPromptRaw ?? report.Summary;
        return Data(call, "agent", summary, outcome.Name(),
            AgentOutcomes.Field(report.PostPromptParsed, "caller_name") ?? AgentOutcomes.Field(report.PostPromptParsed, "name"),
            AgentOutcomes.Field(report.PostPromptParsed, "callback_number"), recordingSid: null, recordingUrl: null, report.ReceivedAt);
    }

    public static object OfVoicemail(CallDetails call, VoicemailTranscription transcription) =>
        Data(call, "voicemail", transcription.Text, "voicemail", name: null, callbackNumber: null, transcription.RecordingSid,
            call.Recordings.FirstOrDefault(r => r.RecordingSid == transcription.RecordingSid)?.Url, transcription.ReceivedAt);

    private static object Data(CallDetails call, string source, string? summary, string outcome, string? name, string? callbackNumber,
        string? recordingSid, string? recordingUrl, DateTimeOffset reportedAt)
    {
        var s = call.Summary;
        var caller = s.Direction == "outbound" ? s.To : s.From;
        return new
        {
            callSid = s.CallSid,
            source,
            from = s.From,
            to = s.To,
            direction = s.Direction,
            summary = CallReportLimits.Cut(summary, MaxSummaryChars),
            summaryTruncated = summary?.Length > MaxSummaryChars,
            outcome,
            ivrOutcome = call.Ivr?.Outcome,
            caller = new
            {
                number = caller,
                name = CallReportLimits.Cut(name, MaxNameChars),
                callbackNumber = CallReportLimits.Cut(callbackNumber, MaxNumberChars),
            },
            recordingSid,
            startedAt = s.CreatedAt.UtcDateTime,
            reportedAt = reportedAt.UtcDateTime,
            links = new
            {
                call = $"/api/signalwire/call/{s.CallSid}",
                recordings = $"/api/signalwire/recordings/{s.CallSid}",
                recording = recordingUrl,
            },
        };
    }
}
