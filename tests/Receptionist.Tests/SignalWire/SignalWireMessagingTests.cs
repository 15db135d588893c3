using System.Globalization;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Models;
using SignalWire.Emulator.State;

namespace Receptionist.Tests.SignalWire;

public sealed class SignalWireMessagingTests
{
    private const string Customer = "+15557654321";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task An_sms_is_sent_fetched_and_reported_queued_sent_delivered_with_signed_callbacks()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync();

        var sent = await harness.Client.SendMessageAsync(new SendMessageRequest(Customer, SignalWireHarness.OwnedNumber)
        {
            Body = "Your appointment is at 3pm",
            StatusCallback = receiver.Url("/sms-status"),
        });

        Assert.True(Guid.TryParse(sent.Sid, out _));
        Assert.Equal("queued", sent.Status);
        Assert.Equal("outbound-api", sent.Direction);
        Assert.Equal("Your appointment is at 3pm", sent.Body);

        var callbacks = await receiver.WaitAsync("/sms-status", r => r.Any(c => c["MessageStatus"] == "delivered"), Wait);
        Assert.Equal(["queued", "sent", "delivered"], callbacks.Select(c => c["MessageStatus"]));
        Assert.All(callbacks, c => Assert.Equal(sent.Sid, c["MessageSid"]));
        Assert.All(callbacks, c => Assert.True(c.IsSignedWith(SignalWireHarness.SigningKey)));

        var fetched = await harness.Client.GetMessageAsync(sent.Sid);
        Assert.Equal("delivered", fetched.Status);
        Assert.NotNull(fetched.DateSent);
        Assert.Equal(1, fetched.NumSegments);
        Assert.Equal(0.005m, fetched.Price);
    }

    [Fact]
    public async Task An_mms_carries_every_media_url_and_stops_at_sent()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync();
        var media = new[] { new Uri("https://cdn.example.test/a.jpg"), new Uri("https://cdn.example.test/b.png") };

        var sent = await harness.Client.SendMessageAsync(new SendMessageRequest(Customer, SignalWireHarness.OwnedNumber)
        {
            MediaUrls = media,
            StatusCallback = receiver.Url("/sms-status"),
        });

        Assert.Equal(media.Select(m => m.AbsoluteUri), harness.Emulator.State.Messages().Single(m => m.Sid == sent.Sid).MediaUrls);
        await receiver.WaitAsync("/sms-status", r => r.Any(c => c["MessageStatus"] == "sent"), Wait);
        await Task.Delay(200);
        Assert.DoesNotContain(receiver.At("/sms-status"), c => c["MessageStatus"] == "delivered");
        Assert.Equal(2, (await harness.Client.GetMessageAsync(sent.Sid)).NumMedia);
    }

    [Fact]
    public async Task An_undeliverable_message_reports_its_error_code()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        await using var receiver = await CallbackReceiver.StartAsync();
        harness.Emulator.Controls.ScriptMessagesTo(Customer, new MessageScript(MessageOutcome.Undelivered, "30005"));

        var sent = await harness.Client.SendMessageAsync(new SendMessageRequest(Customer, SignalWireHarness.OwnedNumber) { Body = "hi", StatusCallback = receiver.Url("/s") });

        var last = (await receiver.WaitAsync("/s", r => r.Any(c => c["MessageStatus"] == "undelivered"), Wait))[^1];
        Assert.Equal("30005", last["ErrorCode"]);
        var fetched = await harness.Client.GetMessageAsync(sent.Sid);
        Assert.Equal("undelivered", fetched.Status);
        Assert.Equal("30005", fetched.ErrorCode);
    }

    [Fact]
    public async Task Listing_messages_follows_next_page_uri_across_pages_and_applies_filters()
    {
        await using var harness = await SignalWireHarness.StartAsync(configure: o => o.StepDelayMilliseconds = 5000);
        for (var i = 0; i < 5; i++)
        {
            await harness.Client.SendMessageAsync(new SendMessageRequest(Customer, SignalWireHarness.OwnedNumber) { Body = "m" + i.ToString(CultureInfo.InvariantCulture) });
        }

        await harness.Client.SendMessageAsync(new SendMessageRequest("+15550009999", SignalWireHarness.OwnedNumber) { Body = "other" });

        var all = await harness.Client.ListMessagesAsync(new MessageQuery { To = Customer, PageSize = 2 });

        Assert.Equal(["m4", "m3", "m2", "m1", "m0"], all.Select(m => m.Body));
        Assert.Equal(3, harness.Emulator.State.RequestCount(global::SignalWire.Emulator.EmulatorRoutes.MessageList));

        var capped = await harness.Client.ListMessagesAsync(new MessageQuery { PageSize = 2, MaxResults = 3 });
        Assert.Equal(3, capped.Count);
    }

    [Fact]
    public async Task Sending_from_a_number_the_project_does_not_own_is_rejected_with_21210_and_nothing_is_sent()
    {
        await using var harness = await SignalWireHarness.StartAsync();

        var refused = await Assert.ThrowsAsync<SignalWireException>(() =>
            harness.Client.SendMessageAsync(new SendMessageRequest(Customer, "+15550002222") { Body = "hi" }));

        Assert.Equal(SignalWireFailureKind.Rejected, refused.Kind);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(21210, refused.Code);
        Assert.Contains("+15550002222", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(refused.MoreInfo);
        Assert.Empty(harness.Emulator.State.Messages());

        var empty = await Assert.ThrowsAsync<SignalWireException>(() =>
            harness.Client.SendMessageAsync(new SendMessageRequest(Customer, SignalWireHarness.OwnedNumber)));
        Assert.Equal(21602, empty.Code);
    }
}
