using Orleans.Concurrency;

namespace Receptionist.Grains.Reports;

/// <summary>
/// What the business gets from one call after it (key: <see cref="Key"/>): the AI agent's post-call report and the
/// transcriptions of its voicemails. Kept apart from the call's grain so transcripts never weigh on the state every
/// status webhook rewrites. The report belongs to the call's tenant: it is written only for that tenant (as the call's
/// grain knows it) and read only by it.
/// </summary>
[Alias("call-report")]
public interface ICallReportGrain : IGrainWithStringKey
{
    /// <summary>
    /// Keeps the AI agent's report for <paramref name="tenantId"/>'s call, once: a repeat (SignalWire retrying) changes
    /// nothing. Nothing is written when the call is not that tenant's.
    /// </summary>
    [Alias("record-conversation")]
    Task<CallReportWrite> RecordConversation(string tenantId, AgentConversation conversation);

    /// <summary>Keeps a voicemail's transcription, once per recording (a repeat changes nothing).</summary>
    [Alias("record-transcription")]
    Task<CallReportWrite> RecordTranscription(VoicemailTranscription transcription);

    /// <summary>The report, or null when there is none or the call is not <paramref name="tenantId"/>'s.</summary>
    [Alias("get"), ReadOnly]
    Task<CallReport?> Get(string tenantId);

    /// <summary>
    /// <see cref="Get"/> for the live status read; when there is no report at all, the call's grain is told so
    /// (<see cref="Calls.ICallGrain.ReportAbsent"/>) before this returns, and every later write tells it
    /// <see cref="Calls.ICallGrain.ReportStored"/> after: one grain at a time, so the two notices arrive in order.
    /// </summary>
    [Alias("read"), ReadOnly]
    Task<CallReport?> Read(string tenantId);

    public static string Key(string callSid) => $"call-report/{callSid}";
}

/// <summary>What a report write did.</summary>
[GenerateSerializer, Alias("call-report-write")]
public enum CallReportWrite
{
    /// <summary>Durably kept.</summary>
    Stored,

    /// <summary>Already kept (a repeated callback), or beyond the report's bounds: nothing changed.</summary>
    Unchanged,

    /// <summary>The call is not the tenant's (or unknown): nothing changed.</summary>
    NotTenants,
}
