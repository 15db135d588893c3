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

        var outcome = Classify(call);
        var outbound = call.Direction == "outbound";
        var counts = new AnalyticsCounts
        {
            CallsTotal = 1,
            CallsAnswered = outcome == CallOutcome.Answered ? 1 : 0,
            CallsMissed = outcome == CallOutcome.Missed ? 1 : 0,
            CallsFailed = outcome == CallOutcome.Failed ? 1 : 0,
            CallsInbound = outbound ? 0 : 1,
            CallsOutbound = outbound ? 1 : 0,
            TalkSeconds = outcome == CallOutcome.Answered ? call.DurationSeconds ?? 0 : 0,
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
