using Receptionist.Grains.Analytics;
using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Events;

/// <summary>
/// The tenant events a call emits, written with the call's state: <c>call.completed</c> (or <c>call.missed</c>, as
/// analytics classify it) when it first reaches a terminal status (a caller the tenant's screening refused was not
/// missed: theirs is a <c>call.completed</c> with <c>rejected: true</c>), and <c>voicemail.received</c> when a voicemail was
/// recorded. Each is derived from the change between the durable call and the one being written, and keyed by its cause
/// (the call SID; the call SID and recording step), so a repeated callback neither asks nor queues anything again.
/// </summary>
public sealed class CallEvents(EventOutbox outbox, TimeProvider clock) : ICallCommitCompanions
{
    public async ValueTask<IReadOnlyList<ICommitCompanion>> ForAsync(CallDetails? before, CallDetails after)
    {
        var call = after.Summary;
        List<ICommitCompanion>? rows = null;
        if (call.Status.IsTerminal() && before?.Summary.Status.IsTerminal() != true)
        {
            var type = CallContributions.Classify(call) == CallOutcome.Missed && !Rejected(after) ? WebhookEventTypes.CallMissed : WebhookEventTypes.CallCompleted;
            (rows ??= []).AddRange(await outbox.PrepareAsync(call.TenantId, type, call.CallSid, call.EndedAt ?? clock.GetUtcNow(), Ended(after)));
        }

        foreach (var step in after.Ivr?.Steps ?? [])
        {
            if (step.Kind == IvrStepKind.VoicemailRecorded && before?.Ivr?.Steps.Any(s => s.Key == step.Key) != true)
            {
                (rows ??= []).AddRange(await outbox.PrepareAsync(call.TenantId, WebhookEventTypes.VoicemailReceived, $"{call.CallSid}/{step.Key}", step.At,
                    Voicemail(after, step)));
            }
        }

        return rows ?? (IReadOnlyList<ICommitCompanion>)[];
    }

    public void Committed(CallDetails after, IReadOnlyList<ICommitCompanion> written) => outbox.Notify(after.Summary.TenantId, written);

    private static bool Rejected(CallDetails call) => call.Ivr?.Outcome == IvrOutcome.Rejected;

    private static object Ended(CallDetails call)
    {
        var s = call.Summary;
        return new
        {
            callSid = s.CallSid,
            from = s.From,
            to = s.To,
            direction = s.Direction,
            status = s.Status.ToWire(),
            durationSeconds = s.DurationSeconds,
            startedAt = s.CreatedAt.UtcDateTime,
            answeredAt = s.AnsweredAt?.UtcDateTime,
            endedAt = s.EndedAt?.UtcDateTime,
            rejected = Rejected(call),
            ivr = Path(call.Ivr),
        };
    }

    private static object Voicemail(CallDetails call, IvrStep recorded)
    {
        var s = call.Summary;
        var recording = call.Recordings.FirstOrDefault(r => r.Url == recorded.Detail);
        return new
        {
            callSid = s.CallSid,
            from = s.From,
            to = s.To,
            recordingUrl = recorded.Detail,
            recordingSid = recording?.RecordingSid,
            recordedAt = recorded.At.UtcDateTime,
            ivr = Path(call.Ivr),
        };
    }

    /// <summary>The caller's way through the menu: each step's kind, option and input, and how it ended.</summary>
    private static object? Path(IvrJourney? journey) => journey is null ? null : new
    {
        outcome = journey.Outcome,
        steps = journey.Steps.Select(s => new { kind = s.Kind, option = s.Option, input = s.Input, at = s.At.UtcDateTime }),
    };
}
