using Receptionist.Api.SignalWire;
using Twilio.TwiML;

namespace Receptionist.Api.Webhooks;

/// <summary>The cXML documents the SMS webhook answers with (Twilio's MessagingResponse builder, which SignalWire reads).</summary>
public static class SmsReplies
{
    /// <summary>One reply to the sender from the number they texted, or an empty response: receive without replying.</summary>
    public static string For(string? reply)
    {
        var response = new MessagingResponse();
        if (reply is not null)
        {
            response.Message(reply);
        }

        return CxmlText.Write(response.ToXDocument());
    }
}
