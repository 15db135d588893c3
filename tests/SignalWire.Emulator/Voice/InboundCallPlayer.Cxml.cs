using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Voice;

/// <summary>The cXML side of a played call: fetching documents, running their verbs, posting their actions.</summary>
internal sealed partial class InboundCallPlayer
{
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

    private static bool IsSwml(string? body) => body?.TrimStart().StartsWith('{') == true;

    private static string DialTarget(XElement dial) =>
        dial.Elements().FirstOrDefault() is { } noun ? noun.Value.Trim() : dial.Value.Trim();

    private static string[] Inputs(XElement gather) =>
        (Attr(gather, "input") ?? "dtmf").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static int Seconds(XElement verb, string attribute, int fallback) =>
        int.TryParse(Attr(verb, attribute), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static string? Attr(XElement verb, string name) => verb.Attribute(name)?.Value;
}
