using System.Xml.Linq;
using Receptionist.Api.SignalWire;
using Twilio.TwiML;
using Twilio.TwiML.Voice;
using HttpMethod = Twilio.Http.HttpMethod;

namespace Receptionist.Tests.SignalWire;

/// <summary>The cXML text SignalWire reads is the document Twilio's builders made, whatever the tenant's words hold.</summary>
public sealed class CxmlTextTests
{
    private const string Awkward = "Tom & Jerry's <\"menu\">\tpress 1 ]]> now,\nor 2 😀 for the café";

    [Fact]
    public void A_voice_response_reads_back_as_the_document_Twilio_built_and_as_its_own_text_does()
    {
        var response = new VoiceResponse();
        var action = new Uri("https://rx.example.com/api/signalwire/ivr/event?at=menu-0&turn=1");
        var gather = new Gather(input: [Gather.InputEnum.Dtmf, Gather.InputEnum.Speech], action: action, method: HttpMethod.Post,
            numDigits: 1, hints: Awkward, language: Gather.LanguageEnum.EnUs);
        gather.Append(new Say(Awkward, voice: Say.VoiceEnum.Woman));
        response.Append(gather);
        response.Redirect(action, HttpMethod.Post);
        response.Hangup();
        response.SetOption("xml:lang", "en-US");

        var text = CxmlText.Write(response.ToXDocument());

        Assert.StartsWith("""<?xml version="1.0" encoding="utf-8"?>""", text, StringComparison.Ordinal);
        var read = XDocument.Parse(text);
        Assert.True(XNode.DeepEquals(XDocument.Parse(response.ToString()).Root, read.Root), text);
        Assert.Equal(Awkward, read.Root!.Element("Gather")!.Element("Say")!.Value);
        Assert.Equal(Awkward, read.Root.Element("Gather")!.Attribute("hints")!.Value);
        Assert.Equal(action.ToString(), read.Root.Element("Redirect")!.Value);
    }

    [Fact]
    public void A_messaging_response_reads_back_as_the_document_Twilio_built()
    {
        var response = new MessagingResponse();
        response.Message(Awkward);

        var read = XDocument.Parse(CxmlText.Write(response.ToXDocument()));

        Assert.True(XNode.DeepEquals(XDocument.Parse(response.ToString()).Root, read.Root));
        Assert.Equal(Awkward, read.Root!.Element("Message")!.Value);
    }

    [Fact]
    public void A_character_XML_cannot_carry_is_refused_as_Twilio_s_own_text_refuses_it()
    {
        var response = new VoiceResponse();
        response.Say("bell \u0007");

        Assert.ThrowsAny<ArgumentException>(() => response.ToString());
        Assert.ThrowsAny<ArgumentException>(() => CxmlText.Write(response.ToXDocument()));
    }
}
