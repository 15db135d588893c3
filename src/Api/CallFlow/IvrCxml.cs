using System.Text;
using Microsoft.AspNetCore.Http;
using Receptionist.Api.SignalWire;
using Receptionist.Grains.CallFlow;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using HttpMethod = Twilio.Http.HttpMethod;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// Renders the call grain's instructions as cXML with Twilio's VoiceResponse builder (which SignalWire reads): it adds
/// the absolute URLs of our own webhooks and nothing the caller hears.
/// </summary>
public static class IvrCxml
{
    public const string ContentType = "application/xml";

    public static string Render(VoiceInstruction next, CallbackUrls urls, HttpRequest request)
    {
        var response = new VoiceResponse();
        switch (next)
        {
            case GatherInput menu:
                // The prompt inside the Gather (so the caller can answer while it plays); with no answer SignalWire falls
                // through to the Redirect, which reports the same position with no input.
                var action = urls.IvrEvent(request, menu.At);
                var gather = new Gather(
                    input: [Gather.InputEnum.Dtmf, Gather.InputEnum.Speech],
                    action: action,
                    method: HttpMethod.Post,
                    numDigits: 1,
                    timeout: menu.TimeoutSeconds,
                    speechTimeout: "auto",
                    hints: menu.Hints.Count == 0 ? null : Clean(string.Join(", ", menu.Hints)),
                    language: menu.Style.Language);
                if (menu.Say.Length > 0)
                {
                    gather.Append(Say(menu, menu.Say));
                }

                response.Append(gather);
                response.Redirect(action, HttpMethod.Post);
                break;
            case DialNumber dial:
                if (dial.Say is { } words)
                {
                    response.Append(Say(dial, words));
                }

                var verb = new Dial(action: urls.IvrEvent(request, dial.After), method: HttpMethod.Post, timeout: dial.TimeoutSeconds, callerId: dial.CallerId);
                verb.Number(dial.Number);
                response.Append(verb);
                break;
            case RecordMessage record:
                response.Append(Say(record, record.Say));
                response.Record(
                    action: urls.IvrEvent(request, record.After),
                    method: HttpMethod.Post,
                    maxLength: record.MaxSeconds,
                    finishOnKey: "#",
                    playBeep: true,
                    // SignalWire transcribes the voicemail and posts the text to the call's report.
                    transcribe: true,
                    transcribeCallback: new Uri(urls.For(request, CallbackUrls.TranscriptionPath)),
                    recordingStatusCallback: new Uri(urls.For(request, CallbackUrls.RecordingPath)),
                    recordingStatusCallbackMethod: HttpMethod.Post);
                break;
            case RejectCall:
                // Never answered, so never billed; SignalWire reports the call as no-answer.
                response.Reject(Reject.ReasonEnum.Rejected);
                break;
            case HangUp end:
                if (end.Say is { } goodbye)
                {
                    response.Append(Say(end, goodbye));
                }

                response.Hangup();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(next), next, "Not something cXML expresses (the AI agent is SWML).");
        }

        return CxmlText.Write(response.ToXDocument());
    }

    private static Say Say(VoiceInstruction instruction, string text) =>
        new(Clean(text), voice: instruction.Style.Voice, language: instruction.Style.Language);

    /// <summary>
    /// Leaves out characters XML cannot carry. Settings refuse them on the way in; this keeps a document valid for text
    /// stored before that rule, rather than failing the caller's call.
    /// </summary>
    private static string Clean(string text)
    {
        if (Validation.PlainText.FirstInvalid(text, multiline: true) is null)
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(text, i++, 2);
            }
            else if (Validation.PlainText.FirstInvalid(text[i].ToString(), multiline: true) is null)
            {
                kept.Append(text[i]);
            }
        }

        return kept.ToString();
    }
}
