using Orleans.Concurrency;
using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Calls;

/// <summary>One call (key: <see cref="GrainKeys.Call"/>): applies its webhooks and answers its live status.</summary>
[Alias("call")]
public interface ICallGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies one webhook. When it returns <see cref="CallEventResult.Accepted"/> the change is durable (grain state
    /// and call log); every other result wrote nothing.
    /// </summary>
    [Alias("apply")]
    Task<CallEventOutcome> Apply(CallEvent callEvent);

    /// <summary>The call as last made durable, or null for a call this service has never accepted an event for.</summary>
    [Alias("get-details"), AlwaysInterleave]
    Task<CallDetails?> GetDetails();

    /// <summary>
    /// Pins the call to a call-flow version when it enters the IVR; a call already pinned keeps its version (which
    /// this returns), so a flow changed mid-call does not change what this caller hears.
    /// </summary>
    [Alias("begin-ivr")]
    Task<int> BeginIvr(int flowVersion);

    /// <summary>Records IVR steps (durably, before returning); steps whose key is already recorded are skipped.</summary>
    [Alias("record-ivr-steps")]
    Task<IvrJourney> RecordIvrSteps(IReadOnlyList<IvrStep> steps);
}
