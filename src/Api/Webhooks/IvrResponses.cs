using Twilio.TwiML;
using Twilio.TwiML.Voice;

namespace Receptionist.Api.Webhooks;

/// <summary>The cXML documents the voice webhook answers with (built with Twilio's TwiML builder, which SignalWire reads).</summary>
public static class IvrResponses
{
    /// <summary>The tenant's greeting and one menu prompt; the full IVR flow replaces this in its own feature.</summary>
    public static string Greeting(string businessName, Uri gatherAction)
    {
        var welcome = string.IsNullOrWhiteSpace(businessName) ? "Thank you for calling." : $"Thank you for calling {businessName}.";
        var gather = new Gather(
            input: [Gather.InputEnum.Dtmf, Gather.InputEnum.Speech],
            action: gatherAction,
            method: Twilio.Http.HttpMethod.Post,
            numDigits: 1,
            timeout: 5);
        gather.Say($"{welcome} Please tell us how we can help, or press a key to continue.");
        var response = new VoiceResponse();
        response.Append(gather);
        response.Say("We did not receive any input. Goodbye.");
        response.Hangup();
        return response.ToString();
    }

    /// <summary>For a number no tenant owns: say so politely and end the call, rather than failing the webhook.</summary>
    public static string NotInService()
    {
        var response = new VoiceResponse();
        response.Say("We're sorry, the number you have called is not in service. Goodbye.");
        response.Hangup();
        return response.ToString();
    }
}
