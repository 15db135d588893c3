using System.Net;
using System.Text.Json.Nodes;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Ivr;

/// <summary>Whole calls through the IVR over real HTTP: signed webhooks in, cXML out, the path visible on the call.</summary>
[Collection(PostgresCollection.Name)]
public sealed class IvrCallTests(PostgresFixture postgres)
{
    private const string Tenant = "bright-smile";
    private const string TenantNumber = "+15005550170";
    private const string Caller = "+14155550123";

    [Fact]
    public async Task A_spoken_choice_forwards_the_call_and_no_answer_ends_in_a_recorded_voicemail()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivrforward", silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        await cluster[1].PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber));
        var call = new IvrCaller(cluster[0], TenantNumber, Caller);

        var menu = await call.DialInAsync();
        var gather = menu.Element("Gather")!;
        Assert.Equal("dtmf speech", (string?)gather.Attribute("input"));
        Assert.Contains("book a visit", (string?)gather.Attribute("hints"), StringComparison.Ordinal);
        Assert.Contains("/api/mcp/ivr/event?", (string?)gather.Attribute("action"), StringComparison.Ordinal);
        var say = gather.Element("Say")!;
        Assert.StartsWith("Welcome to Bright Smile Dental. For appointments press 1", say.Value, StringComparison.Ordinal);
        Assert.Equal(("Polly.Joanna", "en-US"), ((string?)say.Attribute("voice"), (string?)say.Attribute("language")));

        var dial = (await call.SayAsync("Um, I'd like to BOOK a visit, please.")).Element("Dial")!;
        Assert.Equal(Flows.SalesNumber, dial.Element("Number")!.Value);
        Assert.Equal((TenantNumber, "15"), ((string?)dial.Attribute("callerId"), (string?)dial.Attribute("timeout")));

        var voicemail = await call.DialEndsAsync("no-answer");
        Assert.Contains("nobody is available", voicemail.Element("Say")!.Value, StringComparison.OrdinalIgnoreCase);
        var record = voicemail.Element("Record")!;
        Assert.EndsWith("/api/signalwire/webhook/recording", (string?)record.Attribute("recordingStatusCallback"), StringComparison.Ordinal);

        var goodbye = await call.RecordingEndsAsync("https://example.signalwire.com/recordings/vm-1");
        Assert.Contains("message has been recorded", goodbye.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.NotNull(goodbye.Element("Hangup"));

        var details = await call.DetailsAsync(Tenant);
        var ivr = details["ivr"]!;
        Assert.Equal("voicemail", (string?)ivr["outcome"]);
        Assert.Equal(["menu", "chose", "forwarding", "forwardResult", "voicemailPrompt", "voicemailRecorded"],
            ivr["steps"]!.AsArray().Select(s => (string)s!["kind"]!).ToArray());
        var chose = ivr["steps"]![1]!;
        Assert.Equal(("1", "Um, I'd like to BOOK a visit, please."), ((string?)chose["option"], (string?)chose["input"]));
        Assert.Equal("no-answer", (string?)ivr["steps"]![3]!["detail"]);
        Assert.Equal((int)(await cluster[0].GetSettingsAsync(Tenant))["version"]!, (int)ivr["flowVersion"]!);
    }

    [Fact]
    public async Task Digits_information_returns_to_the_menu_and_silence_and_nonsense_are_retried_then_the_fallback_runs()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivrretry", silos: 1);
        var silo = cluster[0];
        await CallLifecycleTests.AssignAsync(silo, Tenant, TenantNumber);
        await silo.PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber, maxRetries: 2, fallback: new { kind = "voicemail", message = "Please leave us a message." }));

        var call = new IvrCaller(silo, TenantNumber, Caller);
        await call.DialInAsync();
        var info = await call.PressAsync("2");
        Assert.StartsWith("We are open nine to five. For appointments press 1", info.Element("Gather")!.Element("Say")!.Value, StringComparison.Ordinal);

        var reprompt = await call.StaySilentAsync();
        Assert.StartsWith("Sorry, I didn't catch that. For appointments", reprompt.Element("Gather")!.Element("Say")!.Value, StringComparison.Ordinal);
        await call.SayAsync("do you sell pizza");
        var fallback = await call.PressAsync("9");
        Assert.Equal("Please leave us a message.", fallback.Element("Say")!.Value);
        Assert.NotNull(fallback.Element("Record"));
        await call.RecordingEndsAsync(null);
        await call.StatusAsync("completed");

        var ivr = (await call.DetailsAsync(Tenant))["ivr"]!;
        Assert.Equal(["menu", "chose", "information", "noInput", "noMatch", "noMatch", "fallback", "voicemailPrompt", "goodbye"],
            ivr["steps"]!.AsArray().Select(s => (string)s!["kind"]!).ToArray());
        Assert.Equal(["do you sell pizza", "9"], ivr["steps"]!.AsArray().Where(s => (string)s!["kind"]! == "noMatch").Select(s => (string)s!["input"]!).ToArray());
        Assert.Equal("information", (string?)ivr["outcome"]);

        // No fallback configured: retries run out into a goodbye, and a caller who heard nothing useful abandoned.
        await silo.PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber, maxRetries: 0));
        var quiet = new IvrCaller(silo, TenantNumber, Caller);
        await quiet.DialInAsync();
        var bye = await quiet.StaySilentAsync();
        Assert.NotNull(bye.Element("Hangup"));
        Assert.Null(bye.Element("Gather"));
        Assert.Null((await quiet.DetailsAsync(Tenant))["ivr"]!["outcome"]);
        await quiet.StatusAsync("completed");
        Assert.Equal("abandoned", (string?)(await quiet.DetailsAsync(Tenant))["ivr"]!["outcome"]);
    }

    [Fact]
    public async Task After_hours_callers_hear_the_after_hours_message_and_may_leave_a_voicemail()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivrclosed", silos: 1);
        var silo = cluster[0];
        await CallLifecycleTests.AssignAsync(silo, Tenant, TenantNumber);
        await silo.PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber, businessHours: Flows.ClosedToday));

        var call = new IvrCaller(silo, TenantNumber, Caller);
        var closed = await call.DialInAsync();
        Assert.Null(closed.Element("Gather"));
        Assert.StartsWith("Our office is closed. Please leave a message", closed.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.NotNull(closed.Element("Record"));
        await call.RecordingEndsAsync("https://example.signalwire.com/recordings/after-hours");
        Assert.Equal(["afterHours", "voicemailPrompt", "voicemailRecorded"], await call.StepsAsync(Tenant));
        Assert.Equal("voicemail", (string?)(await call.DetailsAsync(Tenant))["ivr"]!["outcome"]);

        // The recording status callback lands on the same call.
        using (var callback = await silo.PostSignedAsync(CallWebhookClient.RecordingPath, [
            new("CallSid", call.CallSid), new("RecordingSid", "re-after-hours"), new("RecordingStatus", "completed"),
            new("RecordingUrl", "https://example.signalwire.com/recordings/after-hours"), new("RecordingDuration", "9")]))
        {
            Assert.Equal(HttpStatusCode.NoContent, callback.StatusCode);
        }

        Assert.Equal("re-after-hours", (string?)(await call.DetailsAsync(Tenant))["recordings"]![0]!["recordingSid"]);

        await silo.PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber, businessHours: Flows.ClosedToday, afterHoursVoicemail: false));
        var noVoicemail = await new IvrCaller(silo, TenantNumber, Caller).DialInAsync();
        Assert.Equal("Our office is closed.", noVoicemail.Element("Say")!.Value);
        Assert.NotNull(noVoicemail.Element("Hangup"));
        Assert.Null(noVoicemail.Element("Record"));
    }

    [Fact]
    public async Task A_call_in_progress_keeps_the_flow_version_it_started_with_while_new_calls_get_the_new_one()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivrversion", silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        var v1 = (int)(await cluster[0].PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber)))["version"]!;
        var early = new IvrCaller(cluster[0], TenantNumber, Caller);
        await early.DialInAsync();

        var v2 = (int)(await cluster[1].PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber, greeting: "New greeting.", maxRetries: 0)))["version"]!;
        Assert.True(v2 > v1);
        var late = new IvrCaller(cluster[1], TenantNumber, Caller);
        Assert.StartsWith("New greeting.", (await late.DialInAsync()).Element("Gather")!.Element("Say")!.Value, StringComparison.Ordinal);

        // The early caller still has v1's two retries; the late one has none.
        Assert.NotNull((await early.StaySilentAsync()).Element("Gather"));
        Assert.Null((await late.StaySilentAsync()).Element("Gather"));
        Assert.Equal(v1, (int)(await early.DetailsAsync(Tenant))["ivr"]!["flowVersion"]!);
        Assert.Equal(v2, (int)(await late.DetailsAsync(Tenant))["ivr"]!["flowVersion"]!);

        // A repeated voice request (SignalWire re-fetching the voice URL) does not move the call to the new version.
        await early.DialInAsync();
        Assert.Equal(v1, (int)(await early.DetailsAsync(Tenant))["ivr"]!["flowVersion"]!);
    }

    [Fact]
    public async Task Invalid_flows_are_refused_with_field_errors_and_change_nothing()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivrvalidate", silos: 1);
        var silo = cluster[0];
        var saved = await silo.PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber));
        Assert.Equal("forward", (string?)saved["callFlow"]!["options"]![0]!["action"]!["kind"]);

        var invalid = new
        {
            businessName = "x",
            businessHours = new
            {
                timeZone = "Mars/Olympus",
                week = new[] { new { day = "funday", opens = "25:00", closes = "17:00" }, new { day = "monday", opens = "09:00", closes = "09:00" } },
                holidays = new[] { "2026-13-01" },
            },
            callFlow = new
            {
                greeting = "Hi",
                menuPrompt = "Press 1",
                maxRetries = 9,
                businessHours = Flows.AlwaysOpen,
                options = new object[]
                {
                    new { digit = "1", keywords = new[] { "sales" }, action = new { kind = "forward", number = "5551234" } },
                    new { digit = "1", keywords = new[] { "Sales!" }, action = new { kind = "teleport" } },
                    new { digit = "12", keywords = new[] { "um, please" }, action = new { kind = "sms" } },
                    new { digit = "5", keywords = Array.Empty<string>(), action = new { kind = "agent" } },
                },
            },
        };
        using var response = await silo.PutSettingsAsync(Tenant, invalid);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        foreach (var field in new[]
        {
            "callFlow.maxRetries", "businessHours.timeZone", "businessHours.week[0].day", "businessHours.week[0].opens",
            "businessHours.week[1].closes", "businessHours.holidays[0]", "callFlow.businessHours", "callFlow.options[0].action.number",
            "callFlow.options[1].digit", "callFlow.options[1].keywords", "callFlow.options[1].action.kind", "callFlow.options[2].digit",
            "callFlow.options[2].keywords", "callFlow.options[2].action.message", "callFlow.options[3].action.kind",
        })
        {
            Assert.True(errors.ContainsKey(field), $"no error for {field}: {errors.ToJsonString()}");
        }

        var after = await silo.GetSettingsAsync(Tenant);
        Assert.Equal((int)saved["version"]!, (int)after["version"]!);
        Assert.Equal("Bright Smile Dental", (string?)after["businessName"]);
    }
}
