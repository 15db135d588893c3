using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
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
internal sealed class InboundCallPlayer(
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
                agent.CallLog.Add(new JsonObject { ["role"] = "user", ["content"] = phrase });
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
        await sender.SendJsonAsync("ai-post-prompt", agent.PostPromptUrl, SwmlAgent.Report(state.ProjectId, session, agent, endedBy), cancellationToken);
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

    private static XElement Expect(CallSession session, string verb) =>
        session.Pending is { } pending && pending.Name.LocalName == verb
            ? pending
            : throw new CallNotWaitingException($"The call waits for {session.WaitingFor ?? "nothing"}, not a {verb}.");

    /// <summary>Posts a verb's action (or, without one, re-requests the document, as SignalWire does) and runs the answer.</summary>
    private async Task ActionAsync(CallSession session, XElement verb, List<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        session.Pending = null;
        var answer = await RequestAsync(session, ActionUrl(session, verb), Attr(verb, "method") ?? "POST", "in-progress", fields, cancellationToken);
        if (Load(session, answer))
        {
            await RunAsync(session, cancellationToken);
        }
    }

    private static Uri ActionUrl(CallSession session, XElement verb) =>
        Attr(verb, "action") is { Length: > 0 } action ? new Uri(session.DocumentUrl!, action) : session.DocumentUrl!;

    private async Task<DeliveredWebhook> RequestAsync(
        CallSession session, Uri url, string method, string status, List<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var form = calls.CallForm(session.Call, status);
        form.AddRange(fields);
        session.Note($"{method.ToUpperInvariant()} {url}" + (fields.Count > 0 ? " (" + string.Join(", ", fields.Select(f => f.Key + "=" + f.Value)) + ")" : ""));
        var answer = await sender.SendAsync("voice", url.AbsoluteUri, method, form, cancellationToken);
        lock (state.Gate)
        {
            session.Call.CxmlRequests.Add(url);
        }

        session.DocumentUrl = url;
        return answer;
    }

    /// <summary>Takes an answer as the call's new document; on a failed webhook or bad cXML the caller hears the error and the call ends.</summary>
    private bool Load(CallSession session, DeliveredWebhook answer)
    {
        if (session.Call.IsTerminal)
        {
            return false;
        }

        string? problem = null;
        if (answer.StatusCode is null)
        {
            problem = "11200 no answer within the timeout";
        }
        else if (answer.StatusCode is not (>= 200 and < 300))
        {
            problem = $"11217 HTTP {answer.StatusCode}";
        }
        else if (IsSwml(answer.ResponseBody))
        {
            problem = "12100 SWML where cXML was expected";
        }
        else
        {
            try
            {
                var root = XElement.Parse(answer.ResponseBody ?? "");
                if (root.Name.LocalName != "Response")
                {
                    problem = $"12100 root element <{root.Name.LocalName}>, not <Response>";
                }
                else
                {
                    session.Verbs = [.. root.Elements()];
                    session.Next = 0;
                }
            }
            catch (XmlException ex)
            {
                problem = "12100 invalid cXML: " + ex.Message;
            }
        }

        if (problem is null)
        {
            return true;
        }

        session.Note("application error " + problem);
        Answer(session);
        session.Hear(EmulatedCall.ApplicationError);
        End(session, "completed");
        return false;
    }

    /// <summary>Runs verbs until one waits for the caller or the call ends; a document that runs out hangs up.</summary>
    private async Task RunAsync(CallSession session, CancellationToken cancellationToken)
    {
        while (!session.Call.IsTerminal)
        {
            if (session.Next >= session.Verbs.Count)
            {
                session.Note("end of document");
                End(session, "completed");
                return;
            }

            var verb = session.Verbs[session.Next++];
            if (verb.Name.LocalName != "Reject")
            {
                Answer(session);
            }

            switch (verb.Name.LocalName)
            {
                case "Say" or "Play" or "Pause":
                    Perform(session, verb);
                    break;
                case "Gather":
                    foreach (var nested in verb.Elements())
                    {
                        Perform(session, nested);
                    }

                    session.Pending = verb;
                    session.Note($"Gather {string.Join(' ', Inputs(verb))}: waiting");
                    return;
                case "Dial":
                    session.Pending = verb;
                    session.Note($"Dial {DialTarget(verb)}: ringing");
                    return;
                case "Record":
                    session.Pending = verb;
                    session.Note("Record: " + (string.Equals(Attr(verb, "playBeep"), "false", StringComparison.OrdinalIgnoreCase) ? "recording" : "beep, recording"));
                    return;
                case "Redirect":
                    var target = new Uri(session.DocumentUrl!, verb.Value.Trim());
                    if (!Load(session, await RequestAsync(session, target, Attr(verb, "method") ?? "POST", "in-progress", [], cancellationToken)))
                    {
                        return;
                    }

                    break;
                case "Sms":
                    if (await SendSmsAsync(session, verb, cancellationToken) is { } smsAnswer && !Load(session, smsAnswer))
                    {
                        return;
                    }

                    break;
                case "Hangup":
                    End(session, "completed");
                    return;
                case "Reject":
                    End(session, session.Call.StartTime is not null ? "completed" : Attr(verb, "reason") == "busy" ? "busy" : "no-answer");
                    return;
                default:
                    session.Note($"application error 12100: <{verb.Name.LocalName}> is not a verb the emulator plays");
                    session.Hear(EmulatedCall.ApplicationError);
                    End(session, "completed");
                    return;
            }
        }
    }

    private static void Perform(CallSession session, XElement verb)
    {
        switch (verb.Name.LocalName)
        {
            case "Say":
                var text = string.Join(' ', verb.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                var loops = int.TryParse(Attr(verb, "loop"), NumberStyles.None, CultureInfo.InvariantCulture, out var loop) && loop > 1 ? loop : 1;
                for (var i = 0; i < loops; i++)
                {
                    session.Hear(text);
                    session.Seconds += Math.Max(1, text.Split(' ').Length / 2.5);
                }

                break;
            case "Play":
                session.Note("Play: " + (Attr(verb, "digits") is { } digits ? "digits " + digits : verb.Value.Trim()));
                session.Seconds += 3;
                break;
            case "Pause":
                session.Seconds += Seconds(verb, "length", 1);
                session.Note($"Pause {Seconds(verb, "length", 1)}s");
                break;
            default:
                session.Note($"<{verb.Name.LocalName}> inside a Gather is ignored");
                break;
        }
    }

    /// <summary>The voice &lt;Sms&gt; verb: a text from the called number to the caller unless told otherwise; its action gets SmsSid/SmsStatus.</summary>
    private async Task<DeliveredWebhook?> SendSmsAsync(CallSession session, XElement verb, CancellationToken cancellationToken)
    {
        var message = new MessageEntity
        {
            Sid = Guid.NewGuid().ToString(), To = Attr(verb, "to") ?? session.Call.From, From = Attr(verb, "from") ?? session.Call.To,
            Body = verb.Value.Trim(), Direction = "outbound-call",
            StatusCallback = Attr(verb, "statusCallback") is { } callback ? new Uri(session.DocumentUrl!, callback) : null,
            Script = state.MessageScriptFor(Attr(verb, "to") ?? session.Call.From),
        };
        lock (state.Gate)
        {
            state.MessageEntities.Add(message);
        }

        messages.StartOutbound(message);
        session.Note($"Sms to {message.To}: {message.Body}");
        return Attr(verb, "action") is null
            ? null
            : await RequestAsync(session, ActionUrl(session, verb), Attr(verb, "method") ?? "POST", "in-progress",
                [new("SmsSid", message.Sid), new("SmsStatus", "sending")], cancellationToken);
    }

    private void SendRecordingCallbacks(CallSession session, XElement record, RecordingEntity recording, string recordingUrl, string? transcription)
    {
        var events = (Attr(record, "recordingStatusCallbackEvent") ?? "completed").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var statusCallback = Attr(record, "recordingStatusCallback") is { } statusUrl && events.Contains("completed") ? new Uri(session.DocumentUrl!, statusUrl) : null;
        var transcribe = string.Equals(Attr(record, "transcribe"), "true", StringComparison.OrdinalIgnoreCase) && Attr(record, "transcribeCallback") is not null;
        var transcribeCallback = transcribe ? new Uri(session.DocumentUrl!, Attr(record, "transcribeCallback")!) : null;
        var method = Attr(record, "recordingStatusCallbackMethod") ?? "POST";
        var duration = recording.Duration.ToString(CultureInfo.InvariantCulture);
        work.Run("recording " + recording.Sid, async ct =>
        {
            if (statusCallback is not null)
            {
                await sender.SendStatusAsync("recording-status", statusCallback.AbsoluteUri, method, [
                    new("AccountSid", state.ProjectId), new("CallSid", session.Call.Sid), new("RecordingSid", recording.Sid),
                    new("RecordingUrl", recordingUrl), new("RecordingStatus", "completed"), new("RecordingDuration", duration),
                    new("RecordingChannels", "1"), new("RecordingSource", "RecordVerb")], ct);
            }

            if (transcribeCallback is not null)
            {
                var text = transcription ?? "";
                await sender.SendStatusAsync("transcription", transcribeCallback.AbsoluteUri, "POST", [
                    new("AccountSid", state.ProjectId), new("CallSid", session.Call.Sid), new("TranscriptionSid", Guid.NewGuid().ToString()),
                    new("TranscriptionText", text), new("TranscriptionStatus", text.Length > 0 ? "completed" : "failed"),
                    new("TranscriptionUrl", recordingUrl + "/Transcriptions"), new("RecordingSid", recording.Sid), new("RecordingUrl", recordingUrl)], ct);
            }
        });
    }

    private async Task RunSwmlAsync(CallSession session, DeliveredWebhook answer, CancellationToken cancellationToken)
    {
        session.Note("SWML answered on the voice URL");
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(answer.ResponseBody!);
        }
        catch (System.Text.Json.JsonException ex)
        {
            session.Note("application error: invalid SWML: " + ex.Message);
            End(session, "failed");
            return;
        }

        await SwmlAgent.RunAsync(this, session, document, cancellationToken);
    }

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

    private static bool IsSwml(string? body) => body?.TrimStart().StartsWith('{') == true;

    private static string DialTarget(XElement dial) =>
        dial.Elements().FirstOrDefault() is { } noun ? noun.Value.Trim() : dial.Value.Trim();

    private static string[] Inputs(XElement gather) =>
        (Attr(gather, "input") ?? "dtmf").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static int Seconds(XElement verb, string attribute, int fallback) =>
        int.TryParse(Attr(verb, attribute), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string? Attr(XElement verb, string name) => verb.Attribute(name)?.Value;
}
