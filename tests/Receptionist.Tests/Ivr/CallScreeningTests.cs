using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Ivr;

/// <summary>
/// The tenant's screening at the door of a call, over signed voice webhooks: blocked numbers and prefixes are refused
/// unanswered, withheld callers go as the tenant chose, and a repeated voice request gets the first answer.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CallScreeningTests(PostgresFixture postgres)
{
    private const string Tenant = "bright-smile";
    private const string TenantNumber = "+15005550170";
    private const string Blocked = "+15005550199";

    [Fact]
    public async Task Blocked_numbers_and_prefixes_are_rejected_withheld_callers_go_to_voicemail_and_a_retry_keeps_the_verdict()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "screening", silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        await cluster[1].PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber));
        await PatchScreeningAsync(cluster[0], """{ "blocked": ["+15005550199", "+1900*"], "anonymousCallers": "voicemail" }""");

        var blocked = new IvrCaller(cluster[0], TenantNumber, Blocked);
        AssertRejected(await blocked.DialInAsync());
        var prefixed = new IvrCaller(cluster[1], TenantNumber, "+19005550123");
        AssertRejected(await prefixed.DialInAsync());

        var withheld = new IvrCaller(cluster[1], TenantNumber, "anonymous");
        var voicemail = await withheld.DialInAsync();
        Assert.Null(voicemail.Element("Gather"));
        Assert.NotNull(voicemail.Element("Record"));
        Assert.Contains("Bright Smile Dental", voicemail.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.Equal(["screenedToVoicemail", "voicemailPrompt"], await withheld.StepsAsync(Tenant));

        var admitted = new IvrCaller(cluster[0], TenantNumber, "+14155550123");
        Assert.NotNull((await admitted.DialInAsync()).Element("Gather"));
        Assert.Equal(["menu"], await admitted.StepsAsync(Tenant));

        // The tenant unblocks the number: SignalWire's retry of the refused call's request is still refused, and
        // nothing changes for the admitted call's retry; a new call from that number is answered.
        await PatchScreeningAsync(cluster[1], """{ "blocked": [], "anonymousCallers": "reject" }""");
        AssertRejected(await new IvrCaller(cluster[1], TenantNumber, Blocked).DialInAsync(), expected: false);
        AssertRejected(await blocked.DialInAsync());
        Assert.NotNull((await admitted.DialInAsync()).Element("Gather"));
        Assert.NotNull((await withheld.DialInAsync()).Element("Record"));

        await blocked.StatusAsync("no-answer");
        var details = await blocked.DetailsAsync(Tenant);
        var step = details["ivr"]!["steps"]!.AsArray().Single()!;
        Assert.Equal(("rejected", "blocked: +15005550199"), ((string?)step["kind"], (string?)step["detail"]));
        Assert.Equal("rejected", (string?)details["ivr"]!["outcome"]);
        Assert.Equal("no-answer", (string?)details["status"]);
        Assert.Equal("blocked: +1900*", (string?)(await prefixed.DetailsAsync(Tenant))["ivr"]!["steps"]![0]!["detail"]);
    }

    private static void AssertRejected(System.Xml.Linq.XElement response, bool expected = true)
    {
        var reject = response.Element("Reject");
        if (!expected)
        {
            Assert.Null(reject);
            Assert.NotNull(response.Element("Gather"));
            return;
        }

        Assert.NotNull(reject);
        Assert.Equal("rejected", (string?)reject.Attribute("reason"));
        Assert.Single(response.Elements());
    }

    private static Task<System.Text.Json.Nodes.JsonObject> PatchScreeningAsync(TestSilo silo, string screening) =>
        silo.PatchSettingsOkAsync(Tenant, $$"""{ "screening": {{screening}} }""");
}
