using Receptionist.Grains.Calls;

namespace Receptionist.Grains.CallFlow;

/// <summary>Derives how a call's IVR ended from its steps, the strongest result winning whatever came after.</summary>
public static class IvrOutcomes
{
    public static IvrJourney? Journey(int? flowVersion, IReadOnlyList<IvrStep> steps, CallStatus? callStatus)
    {
        if (flowVersion is null && steps.Count == 0)
        {
            return null;
        }

        return new IvrJourney(flowVersion, [.. steps], Outcome(steps, callStatus?.IsTerminal() == true));
    }

    public static IvrOutcome? Outcome(IReadOnlyList<IvrStep> steps, bool callEnded)
    {
        if (steps.Any(s => s.Kind == IvrStepKind.Rejected))
        {
            return IvrOutcome.Rejected;
        }

        if (steps.Any(s => s.Kind == IvrStepKind.AgentTransfer || (s.Kind == IvrStepKind.ForwardResult && s.Detail is "completed" or "answered")))
        {
            return IvrOutcome.Transferred;
        }

        if (steps.Any(s => s.Kind is IvrStepKind.VoicemailRecorded or IvrStepKind.AgentMessage))
        {
            return IvrOutcome.Voicemail;
        }

        if (steps.Any(s => s.Kind == IvrStepKind.SmsSent))
        {
            return IvrOutcome.SmsSent;
        }

        if (steps.Any(s => s.Kind == IvrStepKind.AgentHandoff))
        {
            return IvrOutcome.Agent;
        }

        if (!callEnded)
        {
            return null;
        }

        return steps.Any(s => s.Kind == IvrStepKind.Information) ? IvrOutcome.Information : IvrOutcome.Abandoned;
    }
}
