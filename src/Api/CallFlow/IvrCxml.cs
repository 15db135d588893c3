using Receptionist.Grains.CallFlow;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using HttpMethod = Twilio.Http.HttpMethod;

namespace Receptionist.Api.CallFlow;

/// <summary>Renders the engine's instructions as cXML with Twilio's VoiceResponse builder (which SignalWire reads).</summary>
public static class IvrCxml
{
    public static string Render(CallFlowSettings flow, IvrInstruction next, IvrUrls urls)
    {
        var response = new VoiceResponse();
        switch (next)
        {
            case PromptMenu menu:
                Menu(response, flow, menu, urls);
                break;
            case ForwardCall forward:
                if (!string.IsNullOrWhiteSpace(forward.Action.Message))
                {
                    response.Append(Say(flow, forward.Action.Message));
                }

                var dial = new Dial(
                    action: urls.Event(new IvrPosition(IvrPosition.Dialed, forward.Turn, 0, forward.Option)),
                    method: HttpMethod.Post,
                    timeout: forward.Action.RingTimeoutSeconds,
                    callerId: forward.Action.CallerId);
                dial.Number(forward.Action.Number);
                response.Append(dial);
                break;
            case DialAgent agent:
                var handoff = new Dial(action: urls.Event(new IvrPosition(IvrPosition.Dialed, agent.Turn, 0, agent.Option)), method: HttpMethod.Post);
                handoff.Number(agent.Number);
                response.Append(handoff);
                break;
            case TakeVoicemail voicemail:
                response.Append(Say(flow, voicemail.Prompt));
                response.Record(
                    action: urls.Event(new IvrPosition(IvrPosition.Recorded, voicemail.Turn, 0, voicemail.Option)),
                    method: HttpMethod.Post,
                    maxLength: voicemail.MaxSeconds,
                    finishOnKey: "#",
                    playBeep: true,
                    recordingStatusCallback: urls.RecordingCallback,
                    recordingStatusCallbackMethod: HttpMethod.Post);
                break;
            case EndCall end:
                if (!string.IsNullOrWhiteSpace(end.Message))
                {
                    response.Append(Say(flow, end.Message));
                }

                response.Hangup();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(next), next, "Not something cXML can express (texts are sent by the webhook).");
        }

        return response.ToString();
    }

    /// <summary>
    /// The lead and the menu inside one Gather (so the caller can answer while it plays); with no answer SignalWire
    /// falls through to the Redirect, which reports it as the same position with no input.
    /// </summary>
    private static void Menu(VoiceResponse response, CallFlowSettings flow, PromptMenu menu, IvrUrls urls)
    {
        var at = new IvrPosition(IvrPosition.Menu, menu.Turn, menu.Attempt, null);
        var hints = string.Join(", ", flow.Options.SelectMany(o => o.Keywords).Distinct(StringComparer.OrdinalIgnoreCase));
        var gather = new Gather(
            input: [Gather.InputEnum.Dtmf, Gather.InputEnum.Speech],
            action: urls.Event(at),
            method: HttpMethod.Post,
            numDigits: 1,
            timeout: flow.InputTimeoutSeconds,
            speechTimeout: "auto",
            hints: hints.Length == 0 ? null : hints,
            language: flow.Language);
        var text = string.Join(' ', new[] { menu.Lead, flow.MenuPrompt }.Where(t => !string.IsNullOrWhiteSpace(t)));
        if (text.Length > 0)
        {
            gather.Append(Say(flow, text));
        }

        response.Append(gather);
        response.Redirect(urls.Event(at), HttpMethod.Post);
    }

    private static Say Say(CallFlowSettings flow, string text) => new(text, voice: flow.Voice, language: flow.Language);
}
