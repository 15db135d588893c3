using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Receptionist.Grains;
using Receptionist.Grains.Tenancy;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Ivr;

/// <summary>
/// Inbound calls as SignalWire places them (signed webhooks on PostgreSQL) for a tenant without a saved flow, and every
/// URL our answers hand SignalWire followed to the route it names.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class InboundCallTests(PostgresFixture postgres)
{
    private const string Tenant = "corner-bakery";
    private const string TenantNumber = "+15005550174";
    private const string Caller = "+14155550144";

    [Fact]
    public async Task A_tenant_without_a_saved_flow_greets_with_its_name_takes_a_message_and_hangs_up_politely()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivrdefault", silos: 1);
        var silo = cluster[0];
        await CallLifecycleTests.AssignAsync(silo, Tenant, TenantNumber);

        // No settings at all: a greeting without a name.
        var anonymous = new IvrCaller(silo, TenantNumber, Caller);
        Assert.StartsWith("Thank you for calling. Please leave a message", (await anonymous.DialInAsync()).Element("Say")!.Value, StringComparison.Ordinal);

        await silo.PutSettingsOkAsync(Tenant, new { businessName = "Corner Bakery" });
        var call = new IvrCaller(silo, TenantNumber, Caller);
        var answer = await call.DialInAsync();
        Assert.Null(answer.Element("Gather"));
        Assert.Equal("Thank you for calling Corner Bakery. Please leave a message after the tone, and we will get back to you.", answer.Element("Say")!.Value);
        Assert.Contains("/api/mcp/ivr/event?stage=recorded", (string?)answer.Element("Record")!.Attribute("action"), StringComparison.Ordinal);

        var goodbye = await call.RecordingEndsAsync("https://example.signalwire.com/recordings/bakery-1");
        Assert.Equal("Thank you, your message has been recorded. Goodbye.", goodbye.Element("Say")!.Value);
        Assert.NotNull(goodbye.Element("Hangup"));
        await call.StatusAsync("completed");
        var ivr = (await call.DetailsAsync(Tenant))["ivr"]!;
        Assert.Equal(["voicemailPrompt", "voicemailRecorded"], ivr["steps"]!.AsArray().Select(s => (string)s!["kind"]!).ToArray());
        Assert.Equal("voicemail", (string?)ivr["outcome"]);

        // A caller who says nothing is told so, politely.
        var silent = new IvrCaller(silo, TenantNumber, Caller);
        await silent.DialInAsync();
        var noMessage = await silent.RecordingEndsAsync(null);
        Assert.Equal("We did not receive a message. Goodbye.", noMessage.Element("Say")!.Value);
        Assert.NotNull(noMessage.Element("Hangup"));

        // The tenant turns the recording notice on (the AI disclosure too, which a call without the agent never hears):
        // the next caller hears it before the beep, and the call records that it was played.
        await silo.PatchSettingsOkAsync(Tenant, """{ "notices": { "recording": { "enabled": true }, "aiDisclosure": { "enabled": true } } }""");
        var noticed = new IvrCaller(silo, TenantNumber, Caller);
        var withNotice = await noticed.DialInAsync();
        Assert.Equal("Thank you for calling Corner Bakery. This call may be recorded. Please leave a message after the tone, and we will get back to you.",
            withNotice.Element("Say")!.Value);
        Assert.Equal(["Say", "Record"], withNotice.Elements().Select(e => e.Name.LocalName).ToArray());
        var steps = (await noticed.DetailsAsync(Tenant))["ivr"]!["steps"]!.AsArray();
        Assert.Equal(["recordingNotice", "voicemailPrompt"], steps.Select(s => (string)s!["kind"]!).ToArray());
        Assert.Equal("This call may be recorded.", (string?)steps[0]!["detail"]);
    }

    [Fact]
    public async Task Without_a_saved_flow_the_tenants_business_hours_still_decide_and_after_hours_callers_may_leave_a_message()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivrdefaultclosed", silos: 1);
        var silo = cluster[0];
        await CallLifecycleTests.AssignAsync(silo, Tenant, TenantNumber);
        await silo.PutSettingsOkAsync(Tenant, new { businessName = "Corner Bakery", businessHours = Flows.ClosedToday });

        var call = new IvrCaller(silo, TenantNumber, Caller);
        var closed = await call.DialInAsync();
        Assert.Equal("We are closed right now. Please leave a message after the tone, and we will get back to you.", closed.Element("Say")!.Value);
        Assert.NotNull(closed.Element("Record"));
        Assert.Equal(["afterHours", "voicemailPrompt"], await call.StepsAsync(Tenant));
    }

    [Fact]
    public async Task Text_stored_with_control_characters_before_they_were_refused_still_renders_as_valid_cXML()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivrcontrolchars", silos: 1);
        var silo = cluster[0];
        await CallLifecycleTests.AssignAsync(silo, Tenant, TenantNumber);
        await silo.Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(Tenant)).UpdateSettings(new TenantSettings { BusinessName = "Corner\u0001 Bakery\uFFFF" });

        var answer = await new IvrCaller(silo, TenantNumber, Caller).DialInAsync();
        Assert.StartsWith("Thank you for calling Corner Bakery.", answer.Element("Say")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_url_each_kind_of_answer_hands_SignalWire_is_accepted_by_the_route_it_names()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivrurls", silos: 2);
        var silo = cluster[0];
        await CallLifecycleTests.AssignAsync(silo, Tenant, TenantNumber);
        await silo.PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber, fallback: new { kind = "agent" }, aiAgent: new { handoffNumber = "+15005550189", prompt = "Help." }));
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // Gather (with its Redirect), then information and a text, both back to the menu.
        var call = new IvrCaller(cluster[1], TenantNumber, Caller);
        await AcceptedAsync(call, await call.DialInAsync(), seen);
        await AcceptedAsync(call, await call.StaySilentAsync(), seen);
        await AcceptedAsync(call, await call.PressAsync("2"), seen);
        await AcceptedAsync(call, await call.PressAsync("4"), seen);

        // Dial a forward, nobody answers: Record, with its recording status callback; then the goodbye.
        var dial = await call.PressAsync("1");
        Assert.NotNull(dial.Element("Dial"));
        await AcceptedAsync(call, dial, seen);
        var record = await call.DialEndsAsync("no-answer");
        await AcceptedAsync(call, record, seen);
        var hangUp = await call.RecordingEndsAsync("https://example.signalwire.com/recordings/urls-1");
        Assert.NotNull(hangUp.Element("Hangup"));

        // Retries run out into the fallback, a hand-off to the AI agent's number; the dial ends and so does the call.
        var toAgent = new IvrCaller(silo, TenantNumber, Caller);
        await toAgent.DialInAsync();
        await toAgent.PressAsync("9");
        await toAgent.PressAsync("9");
        var agentDial = await toAgent.PressAsync("9");
        Assert.Equal("+15005550189", agentDial.Element("Dial")!.Element("Number")!.Value);
        await AcceptedAsync(toAgent, agentDial, seen);
        Assert.NotNull((await toAgent.DialEndsAsync("completed")).Element("Hangup"));
        Assert.Contains("agentHandoff", await toAgent.StepsAsync(Tenant));

        Assert.Equal(["dial", "gather", "record", "recordingStatusCallback", "redirect"], seen.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Posts to every URL in <paramref name="answer"/> as SignalWire would (signed, with the fields that verb reports) and
    /// insists each is accepted; the caller's own path through the call continues from <paramref name="answer"/>.
    /// </summary>
    private static async Task AcceptedAsync(IvrCaller call, XElement answer, HashSet<string> seen)
    {
        foreach (var element in answer.Descendants())
        {
            var (kind, url, fields) = element.Name.LocalName switch
            {
                "Gather" => ("gather", (string?)element.Attribute("action"), new (string, string)[] { ("Digits", "0") }),
                "Redirect" => ("redirect", element.Value, []),
                "Dial" => ("dial", (string?)element.Attribute("action"), [("DialCallStatus", "busy")]),
                "Record" => ("record", (string?)element.Attribute("action"), [("RecordingUrl", "https://example.signalwire.com/recordings/probe")]),
                _ => (null, null, []),
            };
            if (kind is not null)
            {
                Assert.NotNull(url);
                seen.Add(kind);
                var probe = await call.ProbeAsync(url, fields);
                Assert.True(probe.StatusCode == HttpStatusCode.OK, $"{kind} action {url} answered {(int)probe.StatusCode}: {probe.Body}");
            }

            if ((string?)element.Attribute("recordingStatusCallback") is { } callback)
            {
                seen.Add("recordingStatusCallback");
                var probe = await call.ProbeAsync(callback, [("RecordingSid", $"re-{Guid.NewGuid():N}"), ("RecordingStatus", "completed"),
                    ("RecordingUrl", "https://example.signalwire.com/recordings/probe"), ("RecordingDuration", "3")]);
                Assert.True(probe.StatusCode == HttpStatusCode.NoContent, $"recording callback {callback} answered {(int)probe.StatusCode}: {probe.Body}");
            }
        }
    }
}
