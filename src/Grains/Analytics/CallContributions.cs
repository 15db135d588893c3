using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Calls;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// A call's contribution, derived from its projected state alone. A call counts once it has an outcome (a terminal
/// status); until then it contributes nothing. Later events can still change the figures (a price reported after the
/// call completed, a late first event that moves the day it started): the result then carries a higher version and
/// the tenant replaces the call's previous contribution. IVR steps count too: the options the caller chose are part of
/// the contribution, and every recorded step raises its version (events and steps only ever grow, so their sum does).
/// </summary>
public static class CallContributions
{
    public static AnalyticsContribution? Of(CallSummary call, IReadOnlyList<IvrStep>? ivrSteps = null)
    {
        if (!call.Status.IsTerminal())
        {
            return null;
        }

        var steps = ivrSteps ?? [];
        var outcome = Classify(call);
        var journey = steps.Count > 0 ? IvrOutcomes.Outcome(steps, callEnded: true) : null;
        var outbound = call.Direction == "outbound";
        var ring = RingSeconds(call, steps, outcome);
        var counts = new AnalyticsCounts
        {
            CallsTotal = 1,
            CallsAnswered = outcome == CallOutcome.Answered ? 1 : 0,

            // A caller the tenant's screening refused was not missed: the tenant chose not to take the call.
            CallsMissed = outcome == CallOutcome.Missed && journey != IvrOutcome.Rejected ? 1 : 0,
            CallsFailed = outcome == CallOutcome.Failed ? 1 : 0,
            CallsInbound = outbound ? 0 : 1,
            CallsOutbound = outbound ? 1 : 0,
            TalkSeconds = outcome == CallOutcome.Answered ? call.DurationSeconds ?? 0 : 0,
            RingSeconds = ring ?? 0,
            RingCalls = ring is null ? 0 : 1,
            OutcomeTransferred = journey == IvrOutcome.Transferred ? 1 : 0,
            OutcomeVoicemail = journey == IvrOutcome.Voicemail ? 1 : 0,
            OutcomeSmsSent = journey == IvrOutcome.SmsSent ? 1 : 0,
            OutcomeInformation = journey == IvrOutcome.Information ? 1 : 0,
            OutcomeAgent = journey == IvrOutcome.Agent ? 1 : 0,
            OutcomeRejected = journey == IvrOutcome.Rejected ? 1 : 0,
            OutcomeAbandoned = journey == IvrOutcome.Abandoned ? 1 : 0,
        };
        var priced = call.Price is not null && !string.IsNullOrEmpty(call.PriceUnit);
        return new AnalyticsContribution
        {
            Kind = ContributionKind.Call,
            Sid = call.CallSid,
            TenantId = call.TenantId,
            Version = call.Version + (ivrSteps?.Count ?? 0),
            OccurredAt = call.CreatedAt,
            PhoneNumber = (outbound ? call.From : call.To) ?? "",
            Counts = counts,
            Cost = priced ? call.Price!.Value : 0m,
            Currency = priced ? call.PriceUnit!.ToUpperInvariant() : "",
            IvrChoices = [.. (ivrSteps ?? []).Where(s => s.Kind == IvrStepKind.Chose && s.Option is not null).Select(s => s.Option!)],
        };
    }

    /// <summary>
    /// How long the caller waited: from the call's first event (SignalWire's ringing or initiated) to its answer, or to
    /// its end when nobody answered. An inbound call our menu or agent took is answered by our first voice answer (its
    /// first step's time), since SignalWire's number-level callbacks may never report <c>in-progress</c>; an answered
    /// call with neither is left out (null) rather than counted as ringing all along. Whole seconds, never negative.
    /// </summary>
    public static long? RingSeconds(CallSummary call, IReadOnlyList<IvrStep> steps, CallOutcome outcome)
    {
        var start = call.CreatedAt;
        DateTimeOffset? end = outcome switch
        {
            CallOutcome.Answered => call.AnsweredAt ?? (steps.Count > 0 && steps[0].Kind != IvrStepKind.Rejected ? steps.Min(s => s.At) : null),
            CallOutcome.Missed => call.EndedAt,
            _ => null,
        };
        return end is { } until ? Math.Max(0L, (long)Math.Round((until - start).TotalSeconds)) : null;
    }

    /// <summary>
    /// Answered = reached in-progress (a <c>completed</c> call did, even if its in-progress event was lost);
    /// failed = failed; missed = no-answer, busy or canceled before it was answered.
    /// </summary>
    public static CallOutcome Classify(CallSummary call) => call.Status switch
    {
        CallStatus.Failed => CallOutcome.Failed,
        CallStatus.Completed => CallOutcome.Answered,
        _ when call.AnsweredAt is not null => CallOutcome.Answered,
        _ => CallOutcome.Missed,
    };
}

public enum CallOutcome
{
    Answered,
    Missed,
    Failed,
}
