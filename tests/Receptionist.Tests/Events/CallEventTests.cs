using System.Text.Json.Nodes;
using Receptionist.Grains.Events;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Ivr;

namespace Receptionist.Tests.Events;

/// <summary>
/// Calls tell the tenant's systems how they ended: signed SignalWire callbacks in (on two silos), signed Standard
/// Webhooks out to a real receiving server, once per cause whatever SignalWire repeats.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CallEventTests(PostgresFixture postgres)
{
    private const string Tenant = "bright-smile";
    private const string TenantNumber = "+15005550170";
    private const string Caller = "+14155550123";

    [Fact]
    public async Task Ended_calls_and_voicemails_reach_the_endpoint_once_each_as_completed_missed_or_voicemail()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callevents", silos: 2, WebhookTestClient.Configuration());
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        await cluster[1].PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber));
        var (_, secret) = await cluster[0].CreateEndpointAsync(Tenant, receiver.BaseUrl + "/calls",
            WebhookEventTypes.CallCompleted, WebhookEventTypes.CallMissed, WebhookEventTypes.VoicemailReceived);

        // Answered and completed; SignalWire then repeats its terminal callback, to both silos.
        var answered = CallScenario.Create(0, Guid.NewGuid().ToString(), TenantNumber, 0);
        foreach (var (path, form) in answered.Webhooks)
        {
            await cluster[0].PostAcceptedAsync(path, form);
        }

        var terminal = answered.Webhooks.Last(w => w.Path == CallWebhookClient.CallStatusPath);
        await cluster[1].PostAcceptedAsync(terminal.Path, terminal.Form);
        await cluster[0].PostAcceptedAsync(terminal.Path, terminal.Form);

        // Rang out unanswered.
        var unanswered = CallScenario.Create(1, Guid.NewGuid().ToString(), TenantNumber, 1);
        foreach (var (path, form) in unanswered.Webhooks.Concat(unanswered.Webhooks))
        {
            await cluster[1].PostAcceptedAsync(path, form);
        }

        // Through the menu to a voicemail, the Record action repeated.
        var menuCall = new IvrCaller(cluster[0], TenantNumber, Caller);
        await menuCall.DialInAsync();
        await menuCall.SayAsync("I'd like to book a visit");
        await menuCall.DialEndsAsync("no-answer");
        var recorded = await menuCall.ProbeAsync((string)menuCall.Response.Element("Record")!.Attribute("action")!,
            [("RecordingUrl", "https://example.signalwire.com/recordings/vm-7"), ("RecordingDuration", "9")]);
        Assert.Equal(System.Net.HttpStatusCode.OK, recorded.StatusCode);
        await menuCall.RecordingEndsAsync("https://example.signalwire.com/recordings/vm-7");
        await menuCall.StatusAsync("completed");
        await menuCall.StatusAsync("completed");

        // A caller the block list refuses at entry is not a missed call: the business chose not to take it.
        await cluster[1].PatchSettingsOkAsync(Tenant, """{ "screening": { "blocked": ["+1900*"] } }""");
        var blocked = new IvrCaller(cluster[0], TenantNumber, "+19005550123");
        Assert.NotNull((await blocked.DialInAsync()).Element("Reject"));
        await blocked.StatusAsync("busy");
        await blocked.StatusAsync("busy");

        // Deliveries to an endpoint go out in order: once this last one is in, any duplicate would be too.
        var busy = CallScenario.Create(2, Guid.NewGuid().ToString(), TenantNumber, 2);
        foreach (var (path, form) in busy.Webhooks)
        {
            await cluster[0].PostAcceptedAsync(path, form);
        }

        var all = await receiver.WaitForAsync(r => r.Any(w => Data(w)["callSid"]?.GetValue<string>() == busy.CallSid), "the busy call's event");
        Assert.All(all, w => Assert.True(w.SignedWith(secret), $"{w.Id} is not signed with the endpoint's secret"));
        Assert.Equal(all.Count, all.Select(w => w.Id).Distinct().Count());
        var byCall = all.ToLookup(w => (string)Data(w)["callSid"]!, w => (string)JsonNode.Parse(w.Body)!["type"]!);
        Assert.Equal(["call.completed"], byCall[answered.CallSid]);
        Assert.Equal(["call.missed"], byCall[unanswered.CallSid]);
        Assert.Equal(["voicemail.received", "call.completed"], byCall[menuCall.CallSid]);
        Assert.Equal(["call.missed"], byCall[busy.CallSid]);
        Assert.Equal(["call.completed"], byCall[blocked.CallSid]);
        var refused = Data(all.Single(w => Data(w)["callSid"]!.GetValue<string>() == blocked.CallSid));
        Assert.Equal(("busy", true, "rejected"), ((string?)refused["status"], (bool?)refused["rejected"], (string?)refused["ivr"]!["outcome"]));

        var completed = Data(all.Single(w => Data(w)["callSid"]!.GetValue<string>() == answered.CallSid));
        Assert.False((bool?)completed["rejected"]);
        Assert.Equal(("completed", 41, "inbound", "+14155550000", TenantNumber),
            ((string?)completed["status"], (int?)completed["durationSeconds"], (string?)completed["direction"], (string?)completed["from"], (string?)completed["to"]));
        Assert.EndsWith("Z", (string?)completed["endedAt"], StringComparison.Ordinal);
        Assert.Equal("no-answer", (string?)Data(all.Single(w => Data(w)["callSid"]!.GetValue<string>() == unanswered.CallSid))["status"]);

        var voicemail = Data(all.First(w => Data(w)["callSid"]!.GetValue<string>() == menuCall.CallSid));
        Assert.Equal((Caller, "https://example.signalwire.com/recordings/vm-7"), ((string?)voicemail["from"], (string?)voicemail["recordingUrl"]));
        var menuEnded = Data(all.Last(w => Data(w)["callSid"]!.GetValue<string>() == menuCall.CallSid));
        Assert.Equal("voicemail", (string?)menuEnded["ivr"]!["outcome"]);
        Assert.Equal(["menu", "chose", "forwarding", "forwardResult", "voicemailPrompt", "voicemailRecorded"],
            menuEnded["ivr"]!["steps"]!.AsArray().Select(s => (string)s!["kind"]!).ToArray());
    }

    private static JsonNode Data(ReceivedWebhook webhook) => JsonNode.Parse(webhook.Body)!["data"]!;
}
