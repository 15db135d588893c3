using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;
using SignalWire.Emulator.State;

namespace Receptionist.Tests.Messaging;

[Collection(PostgresCollection.Name)]
public sealed class SmsSendTests(PostgresFixture postgres)
{
    private const string Acme = "acme";
    private const string AcmeNumber = "+15005550100";
    private const string GlobexNumber = "+15005550200";
    private const string Customer = "+14155550123";

    [Fact]
    public async Task A_text_sent_through_the_api_is_played_out_by_signalwire_and_reaches_delivered_in_the_log()
    {
        await using var emulator = await SmsEmulator.StartAsync(AcmeNumber);
        var settings = SmsEmulator.Configuration(emulator);
        settings["ConnectionStrings:Postgres"] = await postgres.CreateDatabaseAsync("smssend");
        settings["Orleans:ClusterId"] = $"smssend-{Guid.NewGuid():N}";
        settings["SignalWire:PublicBaseUrl"] = TestSilo.SelfUrl;
        await using var silo = await TestSilo.StartAsync(settings);
        await CallLifecycleTests.AssignAsync(silo, Acme, AcmeNumber);
        emulator.Controls.ScriptMessagesTo("+14155550999", new MessageScript(MessageOutcome.Undelivered, "30005"));

        using var response = await silo.SendSmsAsync(Acme, new { to = Customer, from = AcmeNumber, body = "Your table is ready" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sent = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var sid = (string)sent["messageSid"]!;
        Assert.Equal(("outbound", "queued", AcmeNumber, Customer, "Your table is ready"),
            ((string?)sent["direction"], (string?)sent["status"], (string?)sent["from"], (string?)sent["to"], (string?)sent["body"]));
        Assert.Equal("queued", (string?)sent["events"]![0]!["status"]);

        var delivered = await silo.WaitForSmsStatusAsync(Acme, sid, "delivered");
        Assert.NotNull(delivered["sentAt"]);
        Assert.NotNull(delivered["deliveredAt"]);
        var callbacks = emulator.State.Webhooks().Where(w => w.Kind == "sms-status").ToList();
        Assert.NotEmpty(callbacks);
        Assert.All(callbacks, w => Assert.Equal($"http://127.0.0.1:{silo.HttpPort}{SmsTestClient.StatusPath}", w.Url));
        Assert.All(callbacks, w => Assert.Equal(204, w.StatusCode));

        // An MMS stops at sent (carriers send no receipt); a scripted failure keeps SignalWire's error code.
        using var mms = await silo.SendSmsAsync(Acme, new { to = Customer, from = AcmeNumber, mediaUrls = new[] { "https://media.example.com/menu.png" } });
        var mmsSid = (string)(await mms.Content.ReadFromJsonAsync<JsonObject>())!["messageSid"]!;
        using var doomed = await silo.SendSmsAsync(Acme, new { to = "+14155550999", from = AcmeNumber, body = "Hello?" });
        var doomedSid = (string)(await doomed.Content.ReadFromJsonAsync<JsonObject>())!["messageSid"]!;
        var undelivered = await silo.WaitForSmsStatusAsync(Acme, doomedSid, "undelivered");
        Assert.Equal(("30005", "Unknown destination handset."), ((string?)undelivered["errorCode"], (string?)undelivered["errorMessage"]));
        var picture = await silo.WaitForSmsStatusAsync(Acme, mmsSid, "sent");
        Assert.Equal(["https://media.example.com/menu.png"], picture["mediaUrls"]!.AsArray().Select(u => (string)u!));
    }

    [Fact]
    public async Task Duplicated_and_reversed_status_callbacks_still_end_delivered()
    {
        await using var emulator = await SmsEmulator.StartAsync(AcmeNumber);
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smsreverse", silos: 2, SmsEmulator.Configuration(emulator));
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        emulator.Controls.SetCallbackDelivery(CallbackDelivery.Duplicate | CallbackDelivery.Reverse);

        var sids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await cluster[i % 2].SendSmsAsync(Acme, new { to = Customer, from = AcmeNumber, body = $"Reminder {i}" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            sids.Add((string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["messageSid"]!);
        }

        // Each message: delivered, sent, queued (newest first), each twice.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (emulator.State.Webhooks().Count(w => w.Kind == "sms-status" && w.StatusCode == 204) < sids.Count * 3 * 2 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        foreach (var sid in sids)
        {
            var message = await cluster[1].WaitForSmsStatusAsync(Acme, sid, "delivered");
            Assert.NotNull(message["sentAt"]);
            Assert.NotNull(message["deliveredAt"]);
        }

        Assert.Equal(4, (await cluster[0].MessagesAsync(Acme)).Count);
    }

    [Fact]
    public async Task Refusals_and_signalwire_failures_become_clear_problems_and_nothing_is_logged_as_sent()
    {
        await using var emulator = await SmsEmulator.StartAsync(AcmeNumber, GlobexNumber);
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smsfail", silos: 1, SmsEmulator.Configuration(emulator, timeoutSeconds: 2));
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        await CallLifecycleTests.AssignAsync(cluster[0], "globex", GlobexNumber);
        var silo = cluster[0];

        // Another tenant's number, or one nobody owns: 403 before SignalWire is asked.
        foreach (var from in new[] { GlobexNumber, "+15005550999" })
        {
            using var notOurs = await silo.SendSmsAsync(Acme, new { to = Customer, from, body = "hi" });
            Assert.Equal(HttpStatusCode.Forbidden, notOurs.StatusCode);
        }

        foreach (var bad in new object[]
        {
            new { to = "555-0123", from = AcmeNumber, body = "hi" },
            new { to = Customer, from = AcmeNumber },
            new { to = Customer, from = AcmeNumber, body = new string('x', 1601) },
            new { to = Customer, from = AcmeNumber, mediaUrls = new[] { "ftp://media.example.com/a.png" } },
            new { to = Customer, from = AcmeNumber, mediaUrls = Enumerable.Range(0, 9).Select(i => $"https://media.example.com/{i}.png").ToArray() },
        })
        {
            using var invalid = await silo.SendSmsAsync(Acme, bad);
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        Assert.Equal(0, emulator.State.RequestCount(EmulatorRoutes.MessageCreate));

        emulator.Controls.FailNext(EmulatorRoutes.MessageCreate, 1, 400, code: 21211, message: "The 'To' number +14155550123 is not a valid phone number");
        var rejected = await ProblemAsync(await silo.SendSmsAsync(Acme, new { to = Customer, from = AcmeNumber, body = "hi" }), HttpStatusCode.BadRequest);
        Assert.Equal(("https://receptionist.dev/problems/signalwire-rejected", 21211, "The 'To' number +14155550123 is not a valid phone number"),
            ((string?)rejected["type"], (int?)rejected["signalWireCode"], (string?)rejected["detail"]));

        emulator.Controls.FailNext(EmulatorRoutes.MessageCreate, 1, 401, code: 20003, message: "Authentication Error");
        await ProblemAsync(await silo.SendSmsAsync(Acme, new { to = Customer, from = AcmeNumber, body = "hi" }), HttpStatusCode.BadGateway);
        emulator.Controls.FailNext(EmulatorRoutes.MessageCreate, 1, 503);
        await ProblemAsync(await silo.SendSmsAsync(Acme, new { to = Customer, from = AcmeNumber, body = "hi" }), HttpStatusCode.BadGateway);
        emulator.Controls.DelayNext(EmulatorRoutes.MessageCreate, 1, TimeSpan.FromSeconds(5));
        var timeout = await ProblemAsync(await silo.SendSmsAsync(Acme, new { to = Customer, from = AcmeNumber, body = "hi" }), HttpStatusCode.GatewayTimeout);
        Assert.Equal("https://receptionist.dev/problems/signalwire-timeout", (string?)timeout["type"]);

        Assert.Empty(await silo.MessagesAsync(Acme));
    }

    [Fact]
    public async Task Without_signalwire_configuration_sending_answers_503_and_records_nothing()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smsnosw", silos: 1);
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);

        var problem = await ProblemAsync(await cluster[0].SendSmsAsync(Acme, new { to = Customer, from = AcmeNumber, body = "hi" }), HttpStatusCode.ServiceUnavailable);
        Assert.Equal("SignalWire is not configured", (string?)problem["title"]);
        Assert.Empty(await cluster[0].MessagesAsync(Acme));
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return JsonNode.Parse(body)!.AsObject();
        }
    }
}
