using System.Globalization;
using SignalWire.Emulator.Api;
using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Playout;

/// <summary>
/// Plays calls out as SignalWire does: queued → initiated → ringing → in-progress (fetching the call's cXML URL) →
/// completed, or busy / no-answer / failed as scripted, posting signed status callbacks for the subscribed events.
/// </summary>
internal sealed class CallLifecycle(EmulatorState state, EmulatorOptions options, WebhookSender sender, BackgroundWork work)
{
    private TimeSpan Step => TimeSpan.FromMilliseconds(options.StepDelayMilliseconds);

    public void StartOutbound(CallEntity call) => work.Run("call " + call.Sid, ct => PlayOutboundAsync(call, ct));

    /// <summary>Ends a live call now (hang-up or cancel through the API); the playout sends the final callback.</summary>
    public bool TryEnd(CallEntity call, string status, int? scriptedDuration = null)
    {
        lock (state.Gate)
        {
            if (call.IsTerminal)
            {
                return false;
            }

            var now = DateTimeOffset.UtcNow;
            var answered = call.StartTime is not null;
            call.Status = status;
            call.EndTime = now;
            call.DateUpdated = now;
            call.Duration = !answered ? 0 : scriptedDuration ?? Math.Max(1, (int)Math.Ceiling((now - call.StartTime!.Value).TotalSeconds));
            call.Price = call.Duration > 0 ? 0.003m * (int)Math.Ceiling(call.Duration.Value / 60.0) : null;
            if (answered && call.Record)
            {
                state.RecordingEntities.Add(new RecordingEntity { Sid = Guid.NewGuid().ToString(), CallSid = call.Sid, Duration = call.Duration.Value, StartTime = call.StartTime!.Value });
            }
        }

        call.Ended.TrySetResult();
        return true;
    }

    /// <summary>Points a live call at new cXML and fetches it, as a redirect does.</summary>
    public void Redirect(CallEntity call, Uri url)
    {
        lock (state.Gate)
        {
            call.Url = url;
            call.DateUpdated = DateTimeOffset.UtcNow;
        }

        work.Run("redirect " + call.Sid, ct => FetchCxmlAsync(call, url, "in-progress", ct));
    }

    private async Task PlayOutboundAsync(CallEntity call, CancellationToken cancellationToken)
    {
        var feed = new StatusFeed(sender, state.Delivery, "call-status", call.StatusCallback, call.StatusCallbackMethod);
        var script = call.Script;
        if (await StepAsync(call, cancellationToken))
        {
            await EmitIfSubscribedAsync(feed, call, "initiated", "initiated", cancellationToken);
            if (script.Outcome == CallOutcome.Failed)
            {
                TryEnd(call, "failed");
            }
            else if (await StepAsync(call, cancellationToken) && Advance(call, "ringing"))
            {
                await EmitIfSubscribedAsync(feed, call, "ringing", "ringing", cancellationToken);
                if (script.RingUntilHangUp || !await StepAsync(call, cancellationToken))
                {
                    // Hung up or canceled while ringing (a call scripted to ring waits for that below).
                }
                else if (script.Outcome is CallOutcome.Busy or CallOutcome.NoAnswer)
                {
                    TryEnd(call, script.Outcome == CallOutcome.Busy ? "busy" : "no-answer");
                }
                else if (Advance(call, "in-progress"))
                {
                    await FetchCxmlAsync(call, call.Url!, "in-progress", cancellationToken);
                    await EmitIfSubscribedAsync(feed, call, "answered", "in-progress", cancellationToken);
                    if (script.HoldUntilHangUp)
                    {
                        await call.Ended.Task.WaitAsync(cancellationToken);
                    }
                    else if (await StepAsync(call, cancellationToken))
                    {
                        TryEnd(call, "completed", script.DurationSeconds ?? options.DefaultTalkSeconds);
                    }
                }
            }
        }

        await call.Ended.Task.WaitAsync(cancellationToken);

        // Per SignalWire, "completed" is the terminal event whatever the outcome; CallStatus carries the outcome.
        if (call.Events.Contains("completed"))
        {
            await feed.EmitAsync(TerminalForm(call), cancellationToken, terminal: true);
        }

        await feed.FlushAsync(cancellationToken);
    }

    /// <summary>Waits one step; false when the call ended meanwhile.</summary>
    private async Task<bool> StepAsync(CallEntity call, CancellationToken cancellationToken)
    {
        await Task.WhenAny(Task.Delay(Step, cancellationToken), call.Ended.Task);
        cancellationToken.ThrowIfCancellationRequested();
        lock (state.Gate)
        {
            return !call.IsTerminal;
        }
    }

    private bool Advance(CallEntity call, string status)
    {
        lock (state.Gate)
        {
            if (call.IsTerminal)
            {
                return false;
            }

            call.Status = status;
            call.DateUpdated = DateTimeOffset.UtcNow;
            if (status == "in-progress")
            {
                call.StartTime = DateTimeOffset.UtcNow;
                call.AnsweredBy = call.MachineDetection is null or "none" ? null : call.Script.AnsweredBy ?? "human";
            }

            return true;
        }
    }

    private async Task FetchCxmlAsync(CallEntity call, Uri url, string status, CancellationToken cancellationToken)
    {
        lock (state.Gate)
        {
            call.CxmlRequests.Add(url);
        }

        await sender.SendAsync("voice", url.AbsoluteUri, call.Method, CallForm(call, status, sequence: null), cancellationToken);
    }

    private async Task EmitIfSubscribedAsync(StatusFeed feed, CallEntity call, string subscription, string status, CancellationToken cancellationToken)
    {
        if (call.Events.Contains(subscription))
        {
            await feed.EmitAsync(CallForm(call, status, NextSequence(call)), cancellationToken);
        }
    }

    internal List<KeyValuePair<string, string>> TerminalForm(CallEntity call)
    {
        string status;
        int duration;
        lock (state.Gate)
        {
            status = call.Status;
            duration = call.Duration ?? 0;
        }

        var form = CallForm(call, status, NextSequence(call));
        form.Add(new("CallDuration", duration.ToString(CultureInfo.InvariantCulture)));
        return form;
    }

    private int NextSequence(CallEntity call)
    {
        lock (state.Gate)
        {
            return call.NextSequence++;
        }
    }

    internal List<KeyValuePair<string, string>> CallForm(CallEntity call, string status, int? sequence = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", state.ProjectId),
            new("ApiVersion", Representations.ApiVersion),
            new("CallSid", call.Sid),
            new("CallStatus", status),
            new("Direction", call.Direction),
            new("From", call.From),
            new("To", call.To),
        };
        if (sequence is { } number)
        {
            form.Add(new("CallbackSource", "call-progress-events"));
            form.Add(new("SequenceNumber", number.ToString(CultureInfo.InvariantCulture)));
            form.Add(new("Timestamp", Rfc2822.Format(DateTimeOffset.UtcNow)));
        }

        string? answeredBy;
        lock (state.Gate)
        {
            answeredBy = call.AnsweredBy;
        }

        if (answeredBy is not null)
        {
            form.Add(new("AnsweredBy", answeredBy));
        }

        return form;
    }
}

