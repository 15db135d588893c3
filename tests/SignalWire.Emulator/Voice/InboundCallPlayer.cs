using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SignalWire.Emulator.Api;
using SignalWire.Emulator.Playout;
using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Voice;

/// <summary>
/// Plays an inbound call the way SignalWire does: a signed voice request to the number's VoiceUrl, then the cXML verbs
/// of each answer in order (Say, Play, Pause, Gather, Dial, Record, Sms, Redirect, Hangup, Reject), posting each action
/// URL with the caller's input. Where real SignalWire would wait for a person (a key press, words, silence, a forwarded
/// phone, a message), the call waits for a control; each control runs the call to its next wait and reports what the
/// caller heard. When the call ends, the number's StatusCallback hears <c>completed</c> with the call's duration.
/// </summary>
internal sealed partial class InboundCallPlayer(
    EmulatorState state, WebhookSender sender, CallLifecycle calls, MessageLifecycle messages, BackgroundWork work, IServer server)
{
    private const string SpeechConfidence = "0.92";
    private readonly ConcurrentDictionary<string, CallSession> sessions = new(StringComparer.Ordinal);

    public bool IsPlayed(string callSid) => sessions.ContainsKey(callSid);

    public async Task<(CallProgress Progress, DeliveredWebhook? Answer)> StartAsync(NumberEntity number, string from, CancellationToken cancellationToken)
    {
        var call = new CallEntity { Sid = Guid.NewGuid().ToString(), To = number.PhoneNumber, From = from, Direction = "inbound", Status = "ringing", Script = CallScript.Default };
        string? voiceUrl, fallbackUrl, statusCallback;
        string voiceMethod, statusMethod;
        lock (state.Gate)
        {
            state.CallEntities.Add(call);
            (voiceUrl, fallbackUrl, voiceMethod) = (number.VoiceUrl, number.VoiceFallbackUrl, number.VoiceMethod);
            (statusCallback, statusMethod) = (number.StatusCallback, number.StatusCallbackMethod);
        }

        var session = new CallSession(call);
        sessions[call.Sid] = session;
        work.Run("inbound " + call.Sid, async ct =>
        {
            await call.Ended.Task.WaitAsync(ct);

            // Ended some other way than by the caller (a hang-up through the REST API): the AI agent still reports.
            if (session.Agent is { } agent)
            {
                session.Agent = null;
                await PostConversationAsync(session, agent, "system", ct);
            }

            if (statusCallback is not null && Uri.TryCreate(statusCallback, UriKind.Absolute, out var callbackUrl))
            {
                var feed = new StatusFeed(sender, state.Delivery, "call-status", callbackUrl, statusMethod);
                await feed.EmitAsync(calls.TerminalForm(call), ct, terminal: true);
                await feed.FlushAsync(ct);
            }
        });

        await session.Turn.WaitAsync(cancellationToken);
        try
        {
            DeliveredWebhook? answer = null;
            foreach (var candidate in new[] { voiceUrl, fallbackUrl })
            {
                if (candidate is null || !Uri.TryCreate(candidate, UriKind.Absolute, out var url))
                {
                    continue;
                }

                answer = await RequestAsync(session, url, voiceMethod, "ringing", [], cancellationToken);
                if (answer.StatusCode is >= 200 and < 300)
                {
                    break;
                }
            }

            if (answer?.StatusCode is not (>= 200 and < 300))
            {
                session.Note(answer is null ? "no VoiceUrl: the call fails" : $"VoiceUrl answered {answer.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}: the call fails");
                End(session, "failed");
            }
            else if (IsSwml(answer.ResponseBody))
            {
                await RunSwmlAsync(session, answer, cancellationToken);
            }
            else if (Load(session, answer))
            {
                await RunAsync(session, cancellationToken);
            }

            return (Progress(session), answer);
        }
        finally
        {
            session.Turn.Release();
        }
    }

    public CallProgress Progress(string callSid) => Progress(Session(callSid));

    /// <summary>The caller presses keys: a Gather listening for DTMF gets them (up to numDigits, cut at finishOnKey).</summary>
    public Task<CallProgress> PressAsync(string callSid, string digits, CancellationToken cancellationToken) =>
        MoveAsync(callSid, async session =>
        {
            var gather = Expect(session, "Gather");
            if (!Inputs(gather).Contains("dtmf"))
            {
                throw new CallNotWaitingException($"The Gather listens for {string.Join(" and ", Inputs(gather))}, not key presses.");
            }

            var finishOnKey = Attr(gather, "finishOnKey") ?? "#";
            var entered = finishOnKey.Length > 0 && digits.IndexOf(finishOnKey[0], StringComparison.Ordinal) is >= 0 and var at ? digits[..at] : digits;
            if (int.TryParse(Attr(gather, "numDigits"), NumberStyles.None, CultureInfo.InvariantCulture, out var numDigits) && numDigits > 0 && entered.Length > numDigits)
            {
                entered = entered[..numDigits];
            }

            session.Note("caller pressed " + digits);
            session.Seconds += 0.5 * digits.Length;
            await ActionAsync(session, gather, [new("Digits", entered)], cancellationToken);
        }, cancellationToken);

    /// <summary>The caller says a phrase: a Gather listening for speech gets it as SpeechResult; an AI agent hears it.</summary>
    public Task<CallProgress> SpeakAsync(string callSid, string phrase, CancellationToken cancellationToken) =>
        MoveAsync(callSid, async session =>
        {
            session.Note("caller said: " + phrase);
            session.Seconds += Math.Max(1, phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length / 2.5);
            if (session.Agent is { } agent)
            {
                agent.CallLog.Add(SwmlAgent.Turn("user", phrase));
                return;
            }

            var gather = Expect(session, "Gather");
            if (!Inputs(gather).Contains("speech"))
            {
                throw new CallNotWaitingException("The Gather listens for key presses only, not speech.");
            }

            await ActionAsync(session, gather, [new("SpeechResult", phrase), new("Confidence", SpeechConfidence)], cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The caller stays silent: a Gather times out and the document goes on with its next verb (or posts its action
    /// when actionOnEmptyResult is set); a Record with nothing said saves nothing and goes on.
    /// </summary>
    public Task<CallProgress> StaySilentAsync(string callSid, CancellationToken cancellationToken) =>
        MoveAsync(callSid, async session =>
        {
            var pending = session.Pending ?? throw new CallNotWaitingException($"The call waits for {session.WaitingFor ?? "nothing"}, not for silence.");
            if (pending.Name.LocalName is not ("Gather" or "Record"))
            {
                throw new CallNotWaitingException($"The call waits on a {pending.Name.LocalName}; silence does not end it.");
            }

            session.Seconds += Seconds(pending, "timeout", 5);
            session.Note(pending.Name.LocalName + " timed out with no input");
            if (pending.Name.LocalName == "Gather" && string.Equals(Attr(pending, "actionOnEmptyResult"), "true", StringComparison.OrdinalIgnoreCase))
            {
                await ActionAsync(session, pending, [], cancellationToken);
                return;
            }

            session.Pending = null;
            await RunAsync(session, cancellationToken);
        }, cancellationToken);

    /// <summary>The number a Dial rings answers (and talks <paramref name="talkSeconds"/>), or does not.</summary>
    public Task<CallProgress> ForwardAsync(string callSid, ForwardOutcome outcome, int talkSeconds, CancellationToken cancellationToken) =>
        MoveAsync(callSid, async session =>
        {
            var dial = Expect(session, "Dial");
            var (status, duration, ring) = outcome switch
            {
                ForwardOutcome.Answered => ("completed", Math.Max(1, talkSeconds), 4),
                ForwardOutcome.Busy => ("busy", 0, 1),
                ForwardOutcome.Failed => ("failed", 0, 0),
                _ => ("no-answer", 0, Seconds(dial, "timeout", 30)),
            };
            session.Seconds += ring + duration;
            session.Note($"forward to {DialTarget(dial)}: {status}" + (duration > 0 ? $" after {duration}s" : ""));
            if (Attr(dial, "action") is null)
            {
                session.Pending = null;
                await RunAsync(session, cancellationToken);
                return;
            }

            await ActionAsync(session, dial, [
                new("DialCallStatus", status), new("DialCallSid", Guid.NewGuid().ToString()),
                new("DialCallDuration", duration.ToString(CultureInfo.InvariantCulture))], cancellationToken);
        }, cancellationToken);

    /// <summary>
    /// The caller speaks for <paramref name="seconds"/> at a Record: the recording is saved (fetchable through the REST
    /// API), the action gets RecordingUrl/RecordingSid/RecordingDuration, and the recording and transcription callbacks
    /// follow. With <paramref name="hangUp"/> the caller hangs up to finish, as most voicemail callers do: the action
    /// still hears of the recording (Digits=hangup) and the call ends.
    /// </summary>
    public Task<CallProgress> LeaveRecordingAsync(string callSid, int seconds, bool hangUp, string? transcription, CancellationToken cancellationToken) =>
        MoveAsync(callSid, async session =>
        {
            var record = Expect(session, "Record");
            var maxLength = Seconds(record, "maxLength", 3600);
            var duration = Math.Clamp(seconds, 1, maxLength == 0 ? 3600 : maxLength);
            var recording = new RecordingEntity
            {
                Sid = Guid.NewGuid().ToString(), CallSid = session.Call.Sid, Duration = duration,
                StartTime = DateTimeOffset.UtcNow.AddSeconds(-duration), Source = "RecordVerb",
            };
            lock (state.Gate)
            {
                state.RecordingEntities.Add(recording);
            }

            session.Seconds += duration;
            var recordingUrl = RecordingUrl(recording.Sid);
            session.Note($"caller recorded {duration}s ({recording.Sid})" + (hangUp ? " and hung up" : ""));
            List<KeyValuePair<string, string>> fields =
            [
                new("RecordingUrl", recordingUrl), new("RecordingSid", recording.Sid),
                new("RecordingDuration", duration.ToString(CultureInfo.InvariantCulture)),
            ];
            if (hangUp)
            {
                fields.Add(new("Digits", "hangup"));
                var url = ActionUrl(session, record);
                session.Pending = null;
                await RequestAsync(session, url, Attr(record, "method") ?? "POST", "completed", fields, cancellationToken);
                End(session, "completed");
            }

            SendRecordingCallbacks(session, record, recording, recordingUrl, transcription);
            if (!hangUp)
            {
                await ActionAsync(session, record, fields, cancellationToken);
            }
        }, cancellationToken);

    /// <summary>The caller hangs up, whatever the call was doing; an AI agent then posts its report.</summary>
    public Task<CallProgress> HangUpAsync(string callSid, CancellationToken cancellationToken) =>
        MoveAsync(callSid, async session =>
        {
            session.Note("caller hung up");
            var answered = session.Call.StartTime is not null;
            var agent = session.Agent;
            End(session, answered ? "completed" : "canceled");
            if (agent is not null)
            {
                await PostConversationAsync(session, agent, "caller", cancellationToken);
            }
        }, cancellationToken);

    /// <summary>The AI agent says <paramref name="phrase"/> to the caller (an <c>assistant</c> turn of its call log).</summary>
    public Task<CallProgress> AgentSaysAsync(string callSid, string phrase, CancellationToken cancellationToken) =>
        MoveAsync(callSid, session =>
        {
            var agent = session.Agent ?? throw new CallNotWaitingException("No AI agent is on this call.");
            agent.CallLog.Add(SwmlAgent.Turn("assistant", phrase));
            session.Hear(phrase);
            session.Seconds += Math.Max(1, phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length / 2.5);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// Posts the call's post-prompt report once more, byte for byte (a delivery SignalWire repeats): the status code
    /// the receiver answered, or null when no report was sent.
    /// </summary>
    public async Task<int?> RepeatReportAsync(string callSid, CancellationToken cancellationToken)
    {
        var session = Session(callSid);
        if (session.LastReport is not { } report)
        {
            return null;
        }

        var delivered = await sender.SendJsonAsync("ai-post-prompt", report.Url, report.Json, cancellationToken);
        return delivered.StatusCode;
    }

    /// <summary>The emulated AI's summary for its post-prompt report (default: what the caller said).</summary>
    public CallProgress SummarizeAs(string callSid, string summary)
    {
        var session = Session(callSid);
        var agent = session.Agent ?? throw new CallNotWaitingException("No AI agent is on this call.");
        agent.Summary = summary;
        return Progress(session);
    }

    /// <summary>The AI agent calls one of its SWAIG functions with <paramref name="arguments"/>, and acts on the answer.</summary>
    public Task<CallProgress> CallFunctionAsync(string callSid, string function, JsonObject arguments, CancellationToken cancellationToken) =>
        MoveAsync(callSid, session =>
            session.Agent is { } agent
                ? SwmlAgent.CallFunctionAsync(this, session, agent, function, arguments, cancellationToken)
                : throw new CallNotWaitingException("No AI agent is on this call."), cancellationToken);

    /// <summary>A redirect through the REST API: the call leaves what it was doing and runs the new document.</summary>
    public void Redirect(CallEntity call, Uri url, string method)
    {
        var session = Session(call.Sid);
        work.Run("redirect " + call.Sid, async ct =>
        {
            await session.Turn.WaitAsync(ct);
            try
            {
                session.Pending = null;
                session.Note("redirected through the REST API to " + url);
                if (Load(session, await RequestAsync(session, url, method, "in-progress", [], ct)))
                {
                    await RunAsync(session, ct);
                }
            }
            finally
            {
                session.Turn.Release();
            }
        });
    }

    internal WebhookSender Sender => sender;

    internal EmulatorState State => state;

    internal void End(CallSession session, string status)
    {
        session.Pending = null;
        session.Agent = null;
        session.ConnectedTo = null;
        var answered = session.Call.StartTime is not null;
        if (calls.TryEnd(session.Call, status, answered ? Math.Max(1, (int)Math.Ceiling(session.Seconds)) : null))
        {
            session.Note("call " + status);
        }
    }

    internal void Answer(CallSession session)
    {
        lock (state.Gate)
        {
            if (session.Call.Status == "ringing")
            {
                session.Call.Status = "in-progress";
                session.Call.StartTime = session.Call.DateUpdated = DateTimeOffset.UtcNow;
            }
        }
    }

    internal async Task PostConversationAsync(CallSession session, AgentSession agent, string endedBy, CancellationToken cancellationToken)
    {
        if (agent.PostPromptUrl is null)
        {
            return;
        }

        session.Note("AI post-prompt report to " + agent.PostPromptUrl.GetLeftPart(UriPartial.Path));
        var json = SwmlAgent.Report(state.ProjectId, session, agent, endedBy);
        session.LastReport = (agent.PostPromptUrl, json);
        var delivered = await sender.SendJsonAsync("ai-post-prompt", agent.PostPromptUrl, json, cancellationToken);
        session.Note($"post-prompt report answered {delivered.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}");
    }

    private async Task<CallProgress> MoveAsync(string callSid, Func<CallSession, Task> move, CancellationToken cancellationToken)
    {
        var session = Session(callSid);
        await session.Turn.WaitAsync(cancellationToken);
        try
        {
            if (session.Call.IsTerminal)
            {
                throw new CallNotWaitingException($"The call is {session.Call.Status}.");
            }

            await move(session);
            return Progress(session);
        }
        finally
        {
            session.Turn.Release();
        }
    }

    private CallSession Session(string callSid) =>
        sessions.TryGetValue(callSid, out var session) ? session : throw new KeyNotFoundException($"No inbound call {callSid}.");

    private string RecordingUrl(string recordingSid)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1";
        return $"{address.TrimEnd('/')}{Representations.AccountPath(state.ProjectId)}/Recordings/{recordingSid}";
    }

    private static CallProgress Progress(CallSession session)
    {
        CallEntity call = session.Call;
        string status;
        int? duration;
        lock (session.Log)
        {
            status = call.Status;
            duration = call.Duration;
            var heard = session.Transcript.Skip(session.HeardMark).ToList();
            session.HeardMark = session.Transcript.Count;
            var input = session.Pending is { } pending && pending.Name.LocalName == "Gather" ? Inputs(pending) : [];
            return new CallProgress(call.Sid, status, call.IsTerminal ? null : session.WaitingFor, input, heard, [.. session.Transcript], [.. session.Timeline], duration);
        }
    }
}
