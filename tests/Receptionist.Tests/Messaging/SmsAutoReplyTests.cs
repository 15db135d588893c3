using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Runtime;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;

namespace Receptionist.Tests.Messaging;

[Collection(PostgresCollection.Name)]
public sealed class SmsAutoReplyTests(PostgresFixture postgres)
{
    private const string Acme = "acme";
    private const string Globex = "globex";
    private const string AcmeNumber = "+15005550100";
    private const string AcmeSecondNumber = "+15005550101";
    private const string GlobexNumber = "+15005550200";
    private const string Customer = "+14155550123";

    private static object AlwaysOpen => new { timeZone = "America/New_York", week = Enum.GetNames<DayOfWeek>().Select(d => new { day = d.ToLowerInvariant(), opens = "00:00", closes = "00:00" }) };

    private static object Settings(object? businessHours, string? afterHoursReply = "We are closed now; we will text you in the morning.") => new
    {
        businessName = "Acme Dental",
        timeZone = "America/New_York",
        sms = new
        {
            keywordRules = new[] { new { keyword = "hours", reply = "We are open 9 to 5, Monday to Friday." }, new { keyword = "PARKING", reply = "Park behind the building." } },
            defaultReply = "Thanks! We will text you back shortly.",
            afterHoursReply,
            helpText = "Acme Dental: call +15005550100. Reply STOP to opt out.",
        },
        businessHours,
    };

    [Fact]
    public async Task Keyword_rules_win_over_the_after_hours_and_default_replies_and_each_reply_is_logged_once_as_outbound()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smsreply", silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        Assert.Null(await cluster[0].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "hello, nothing configured yet"));

        await cluster[0].PutSettingsOkAsync(Acme, Settings(AlwaysOpen));
        Assert.Equal("We are open 9 to 5, Monday to Friday.", await cluster[1].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "What are your HOURS?"));
        Assert.Equal("Park behind the building.", await cluster[0].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "parking"));
        Assert.Equal("Thanks! We will text you back shortly.", await cluster[1].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "Can I move my appointment? (no hoursmatching)"));

        // Never open: outside business hours, rules still answer and everything else gets the after-hours reply.
        await cluster[1].PutSettingsOkAsync(Acme, Settings(new { timeZone = "America/New_York", week = Array.Empty<object>() }));
        Assert.Equal("We are closed now; we will text you in the morning.", await cluster[0].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "hello"));
        Assert.Equal("Park behind the building.", await cluster[0].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "Where is parking?"));

        // Open every day, but today (in the business's time zone) is a holiday.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Pacific/Kiritimati")).DateTime);
        var holidays = new[] { today.AddDays(-1), today, today.AddDays(1) }.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await cluster[0].PutSettingsOkAsync(Acme, Settings(new
        {
            timeZone = "Pacific/Kiritimati",
            week = Enum.GetNames<DayOfWeek>().Select(d => new { day = d, opens = "00:00", closes = "00:00" }),
            holidays,
        }));
        var closedSid = Guid.NewGuid().ToString();
        Assert.Equal("We are closed now; we will text you in the morning.", await cluster[1].TextAsync(closedSid, Customer, AcmeNumber, "hi"));

        // Closed without an after-hours variant: the default reply.
        await cluster[0].PutSettingsOkAsync(Acme, Settings(new { week = Array.Empty<object>() }, afterHoursReply: null));
        Assert.Equal("Thanks! We will text you back shortly.", await cluster[0].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "hi again"));

        // A repeated delivery is not answered again, and its reply is logged once.
        Assert.Null(await cluster[0].TextAsync(closedSid, Customer, AcmeNumber, "hi"));
        var messages = await cluster[1].MessagesAsync(Acme, "limit=200");
        Assert.Equal(8, messages.Count(m => (string?)m["direction"] == "inbound"));
        var replies = messages.Where(m => (string?)m["direction"] == "outbound").ToList();
        Assert.Equal(7, replies.Count);
        var closedReply = Assert.Single(replies, r => (string?)r["inReplyTo"] == closedSid);
        Assert.Equal((AcmeNumber, Customer, "We are closed now; we will text you in the morning."),
            ((string?)closedReply["from"], (string?)closedReply["to"], (string?)closedReply["body"]));
    }

    [Fact]
    public async Task Stop_words_opt_the_sender_out_of_that_tenant_only_durably_until_start_and_help_is_always_answered()
    {
        await using var emulator = await SmsEmulator.StartAsync(AcmeNumber, AcmeSecondNumber, GlobexNumber);
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smsoptout", silos: 2, SmsEmulator.Configuration(emulator));
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeSecondNumber);
        await CallLifecycleTests.AssignAsync(cluster[0], Globex, GlobexNumber);
        await cluster[0].PutSettingsOkAsync(Acme, Settings(AlwaysOpen));
        await cluster[0].PutSettingsOkAsync(Globex, new { businessName = "Globex", sms = new { defaultReply = "Globex here." } });

        Assert.Null(await cluster[0].TextAndReplyAsync(Acme, Guid.NewGuid().ToString(), Customer, AcmeNumber, " Stop. "));
        Assert.Null(await cluster[1].TextAndReplyAsync(Acme, Guid.NewGuid().ToString(), Customer, AcmeNumber, "hours?"));
        Assert.Equal("Acme Dental: call +15005550100. Reply STOP to opt out.", await cluster[1].TextAndReplyAsync(Acme, Guid.NewGuid().ToString(), Customer, AcmeSecondNumber, "help"));

        // Refused from any of the tenant's numbers, before SignalWire hears of it.
        foreach (var from in new[] { AcmeNumber, AcmeSecondNumber })
        {
            using var refused = await cluster[1].SendSmsAsync(Acme, new { to = Customer, from, body = "Your appointment is tomorrow" });
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("https://receptionist.dev/problems/opted-out", (string?)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["type"]);
        }

        // SignalWire heard of the HELP reply only (sent through the API), not of the refused sends.
        Assert.Equal(1, emulator.State.RequestCount(EmulatorRoutes.MessageCreate));

        // Another tenant is not affected.
        Assert.Equal("Globex here.", await cluster[0].TextAndReplyAsync(Globex, Guid.NewGuid().ToString(), Customer, GlobexNumber, "hello"));
        using (var globex = await cluster[0].SendSmsAsync(Globex, new { to = Customer, from = GlobexNumber, body = "Globex news" }))
        {
            Assert.Equal(HttpStatusCode.Created, globex.StatusCode);
        }

        // Persisted: still opted out after every activation is gone.
        await cluster[0].Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        using (var stillRefused = await cluster[0].SendSmsAsync(Acme, new { to = Customer, from = AcmeNumber, body = "Still there?" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, stillRefused.StatusCode);
        }

        Assert.StartsWith("You are subscribed again to messages from Acme Dental.", await cluster[0].TextAndReplyAsync(Acme, Guid.NewGuid().ToString(), Customer, AcmeNumber, "START"));
        Assert.Equal("We are open 9 to 5, Monday to Friday.", await cluster[1].TextAndReplyAsync(Acme, Guid.NewGuid().ToString(), Customer, AcmeNumber, "hours?"));
        using (var allowed = await cluster[1].SendSmsAsync(Acme, new { to = Customer, from = AcmeNumber, body = "Welcome back" }))
        {
            Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        }

        // Every opt-out word works on its own (any case), and one inside a sentence does not; UNSTOP opts back in.
        var words = new[] { "STOPALL", "unsubscribe", "Cancel", "END", "quit!", "please don't stop" };
        for (var i = 0; i < words.Length; i++)
        {
            var sender = $"+1415555020{i}";
            await cluster[i % 2].TextAsync(Guid.NewGuid().ToString(), sender, AcmeNumber, words[i]);
            using var send = await cluster[0].SendSmsAsync(Acme, new { to = sender, from = AcmeNumber, body = "Reminder" });
            Assert.Equal(i < 5 ? HttpStatusCode.Conflict : HttpStatusCode.Created, send.StatusCode);
        }

        await cluster[1].TextAsync(Guid.NewGuid().ToString(), "+14155550200", AcmeNumber, "unstop");
        using (var back = await cluster[0].SendSmsAsync(Acme, new { to = "+14155550200", from = AcmeNumber, body = "Reminder" }))
        {
            Assert.Equal(HttpStatusCode.Created, back.StatusCode);
        }
    }

    [Fact]
    public async Task An_auto_reply_is_sent_through_the_api_so_its_delivery_status_comes_back_and_a_repeat_sends_nothing()
    {
        await using var emulator = await SmsEmulator.StartAsync(AcmeNumber);
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smsrestreply", silos: 2, SmsEmulator.Configuration(emulator));
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        await cluster[0].PutSettingsOkAsync(Acme, Settings(AlwaysOpen));

        var sid = Guid.NewGuid().ToString();
        Assert.Null(await cluster[1].TextAsync(sid, Customer, AcmeNumber, "What are your hours?"));
        var reply = Assert.Single(await cluster[0].MessagesAsync(Acme, "direction=outbound"));
        Assert.Equal((sid, AcmeNumber, Customer, "We are open 9 to 5, Monday to Friday."),
            ((string?)reply["inReplyTo"], (string?)reply["from"], (string?)reply["to"], (string?)reply["body"]));
        var replySid = (string)reply["messageSid"]!;
        Assert.NotEqual(sid + "-reply", replySid);

        // SignalWire's status callbacks reach the reply: it ends delivered, not queued forever.
        await cluster[1].WaitForSmsStatusAsync(Acme, replySid, "delivered");

        // SignalWire repeats the inbound webhook: no second reply.
        Assert.Null(await cluster[0].TextAsync(sid, Customer, AcmeNumber, "What are your hours?"));
        Assert.Equal(1, emulator.State.RequestCount(EmulatorRoutes.MessageCreate));
    }
}
