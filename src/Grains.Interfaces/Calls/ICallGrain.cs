using Orleans.Concurrency;
using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Calls;

/// <summary>One call (key: <see cref="GrainKeys.Call"/>): applies its webhooks and answers its live status.</summary>
[Alias("call")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies one webhook. When it returns <see cref="CallEventResult.Accepted"/> the change is durable (grain state
    /// and call log); every other result wrote nothing. A caller who hung up unanswered or in the menu is texted back
    /// (when the tenant turned that on) before it returns, with <paramref name="textStatusCallback"/> for the text; null
    /// when the event was not SignalWire's own callback but found later (a reconciliation sweep, SignalWire's recordings
    /// list): the text promises an answer within a minute, so a call learnt of late is not texted.
    /// </summary>
    [Alias("apply")]
    Task<CallEventOutcome> Apply(CallEvent callEvent, string? textStatusCallback);

    /// <summary>The call as last made durable, or null for a call this service has never accepted an event for.</summary>
    [Alias("get-details"), AlwaysInterleave]
    Task<CallDetails?> GetDetails();

    /// <summary>
    /// The live status read: the call as <see cref="GetDetails"/> gives it (null for a call never accepted) with whether
    /// it has a report: <see cref="CallReportPresence.Unknown"/> until the report's grain told this activation (see
    /// <see cref="ReportStored"/> and <see cref="ReportAbsent"/>).
    /// </summary>
    [Alias("read"), AlwaysInterleave]
    Task<CallRead?> Read();

    /// <summary>
    /// Told by the report's grain after each report write it kept (and on a repeat, so a retried callback repairs a
    /// notice that was lost): from now on, reads ask for the report. Kept in memory only: a new activation asks again.
    /// </summary>
    [Alias("report-stored"), AlwaysInterleave]
    Task ReportStored();

    /// <summary>
    /// Told by the report's grain when a read asked it (because <see cref="Read"/> said unknown) and it had none: later
    /// reads skip asking until <see cref="ReportStored"/>. It never undoes a <see cref="ReportStored"/> that came first.
    /// </summary>
    [Alias("report-absent"), AlwaysInterleave]
    Task ReportAbsent();

    /// <summary>
    /// Answers SignalWire's voice request for this call (the event is applied as by <see cref="Apply"/>): the tenant's
    /// call flow (or the default one) at the version the call is pinned to from its first answer, so a flow changed
    /// mid-call does not change what this caller hears. The event, the pin and the steps taken are one durable write.
    /// A number no tenant owns is answered as not in service.
    /// </summary>
    [Alias("answer")]
    Task<VoiceInstruction> Answer(CallEvent voiceRequest);

    /// <summary>
    /// Advances the call's IVR from <paramref name="at"/> (the position our action URL carried) on what the caller did,
    /// carrying out what needs no caller's ear itself (texting the caller, whose status callbacks go to
    /// <paramref name="textStatusCallback"/>); the steps taken are one durable write. Repeated webhooks record nothing twice.
    /// </summary>
    [Alias("advance")]
    Task<VoiceInstruction> Advance(IvrPosition at, IvrInput input, string textStatusCallback);

    /// <summary>
    /// Runs one of <paramref name="tenantId"/>'s AI agent functions during this call. The call's own flow version
    /// answers, and the step is recorded (one durable write), only when the call is that tenant's; otherwise the
    /// tenant's current agent answers and the call is not touched.
    /// </summary>
    [Alias("run-agent-function")]
    Task<AgentFunctionResult> RunAgentFunction(string tenantId, AgentFunctionCall call);

    /// <summary>
    /// Records SignalWire's answer to placing this call for <paramref name="tenantId"/> (an event of kind
    /// <see cref="CallEventKind.Placed"/>), durably, so the call exists before its first status callback and the
    /// callbacks fold into it. Returns the call as recorded.
    /// </summary>
    [Alias("record-placed")]
    Task<CallDetails> RecordPlaced(string tenantId, CallEvent placed);

    /// <summary>Records a change SignalWire accepted for this call (its status callbacks report the effect).</summary>
    [Alias("record-control")]
    Task RecordControl(string tenantId, CallControl control);
}
