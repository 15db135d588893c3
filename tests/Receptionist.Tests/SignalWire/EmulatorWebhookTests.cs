using Receptionist.Grains.SignalWire.Models;
using SignalWire.Emulator.State;

namespace Receptionist.Tests.SignalWire;

/// <summary>The emulator's inbound simulation and callback delivery modes, which the webhook and grain tests rely on.</summary>
public sealed class EmulatorWebhookTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_inbound_call_posts_a_signed_voice_request_to_the_configured_url_and_its_end_to_the_status_callback()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync();
        var number = Assert.Single(await harness.Client.ListIncomingNumbersAsync());
        await harness.Client.UpdateIncomingNumberAsync(number.Sid, new NumberWebhooks { VoiceUrl = receiver.Url("/ivr/entry"), StatusCallback = receiver.Url("/ivr/log") });
        receiver.Answer("/ivr/entry", "<Response><Gather action=\"/ivr/next\"><Say>Hello.</Say></Gather></Response>");

        var inbound = await harness.Emulator.Controls.SimulateInboundCallAsync(SignalWireHarness.OwnedNumber, "+15553334444");

        Assert.Equal(200, inbound.StatusCode);
        Assert.Contains("<Response>", inbound.Body, StringComparison.Ordinal);
        var voice = Assert.Single(receiver.At("/ivr/entry"));
        Assert.Equal("ringing", voice["CallStatus"]);
        Assert.Equal("inbound", voice["Direction"]);
        Assert.Equal("+15553334444", voice["From"]);
        Assert.Equal(SignalWireHarness.OwnedNumber, voice["To"]);
        Assert.Equal(inbound.CallSid, voice["CallSid"]);
        Assert.True(voice.IsSignedWith(SignalWireHarness.SigningKey));
        Assert.Equal("in-progress", (await harness.Client.GetCallAsync(inbound.CallSid)).Status);

        await harness.Client.UpdateCallAsync(inbound.CallSid, CallUpdate.HangUp());

        var log = Assert.Single(await receiver.WaitAsync("/ivr/log", r => r.Count > 0, Wait));
        Assert.Equal("completed", log["CallStatus"]);
        Assert.Equal(inbound.CallSid, log["CallSid"]);
        Assert.True(log.IsSignedWith(SignalWireHarness.SigningKey));
    }

    [Fact]
    public async Task An_empty_answer_hangs_up_as_SignalWire_does()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync();
        var number = Assert.Single(await harness.Client.ListIncomingNumbersAsync());
        await harness.Client.UpdateIncomingNumberAsync(number.Sid, new NumberWebhooks { VoiceUrl = receiver.Url("/ivr/entry"), StatusCallback = receiver.Url("/ivr/log") });

        var inbound = await harness.Emulator.Controls.SimulateInboundCallAsync(SignalWireHarness.OwnedNumber, "+15553334444");

        Assert.Equal("completed", inbound.Progress.Status);
        Assert.Equal("completed", Assert.Single(await receiver.WaitAsync("/ivr/log", r => r.Count > 0, Wait))["CallStatus"]);
    }

    [Fact]
    public async Task An_inbound_mms_posts_a_signed_webhook_with_numbered_media_to_the_sms_url()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync();
        var number = Assert.Single(await harness.Client.ListIncomingNumbersAsync());
        await harness.Client.UpdateIncomingNumberAsync(number.Sid, new NumberWebhooks { SmsUrl = receiver.Url("/sms") });

        var inbound = await harness.Emulator.Controls.SimulateInboundMessageAsync(
            SignalWireHarness.OwnedNumber, "+15553334444", "see photo", ["https://media.example.test/1.jpg", "https://media.example.test/2.jpg"]);

        Assert.Equal(200, inbound.StatusCode);
        var sms = Assert.Single(receiver.At("/sms"));
        Assert.Equal(inbound.MessageSid, sms["MessageSid"]);
        Assert.Equal("see photo", sms["Body"]);
        Assert.Equal("2", sms["NumMedia"]);
        Assert.Equal("https://media.example.test/2.jpg", sms["MediaUrl1"]);
        Assert.True(sms.IsSignedWith(SignalWireHarness.SigningKey));
        Assert.Equal("received", (await harness.Client.GetMessageAsync(inbound.MessageSid)).Status);
    }

    [Fact]
    public async Task Duplicate_delivery_sends_every_status_callback_twice()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync();
        harness.Emulator.Controls.SetCallbackDelivery(CallbackDelivery.Duplicate);

        await harness.Client.CreateCallAsync(new CreateCallRequest("+15557654321", SignalWireHarness.OwnedNumber, receiver.Url("/cxml"))
        {
            StatusCallback = receiver.Url("/status"),
            StatusCallbackEvents = CreateCallRequest.AllProgressEvents,
        });

        var callbacks = await receiver.WaitAsync("/status", r => r.Count(c => c["CallStatus"] == "completed") == 2, Wait);
        Assert.Equal(["0", "0", "1", "1", "2", "2", "3", "3"], callbacks.Select(c => c["SequenceNumber"]));
    }

    [Fact]
    public async Task Reverse_delivery_sends_a_calls_callbacks_newest_first_after_it_ends()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync();
        harness.Emulator.Controls.SetCallbackDelivery(CallbackDelivery.Reverse);

        await harness.Client.CreateCallAsync(new CreateCallRequest("+15557654321", SignalWireHarness.OwnedNumber, receiver.Url("/cxml"))
        {
            StatusCallback = receiver.Url("/status"),
            StatusCallbackEvents = CreateCallRequest.AllProgressEvents,
        });

        var callbacks = await receiver.WaitAsync("/status", r => r.Count == 4, Wait);
        Assert.Equal(["completed", "in-progress", "ringing", "initiated"], callbacks.Select(c => c["CallStatus"]));
        Assert.Equal(["3", "2", "1", "0"], callbacks.Select(c => c["SequenceNumber"]));
    }
}
