using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Receptionist.Grains;
using Receptionist.Grains.Messaging;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Messaging;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.SignalWire;
using SignalWire.Emulator;

namespace Receptionist.Tests.Ivr;

[Collection(PostgresCollection.Name)]
public sealed class IvrAgentAndTextTests(PostgresFixture postgres)
{
    private const string Tenant = "harbor-law";
    private const string OtherTenant = "rival-law";
    private const string Caller = "+14155550188";

    [Fact]
    public async Task Asking_for_a_text_sends_one_through_SignalWire_and_returns_to_the_menu()
    {
        const string tenantNumber = "+15550002222";
        await using var emulator = await StartEmulatorAsync(tenantNumber);
        await using var cluster = await StartClinicAsync(emulator, "ivrtext", tenantNumber);
        var silo = cluster[0];

        var call = new IvrCaller(silo, tenantNumber, Caller);
        await call.DialInAsync();
        var back = await call.SayAsync("could you text me the link");
        Assert.StartsWith("We have sent you a text message. For appointments", back.Element("Gather")!.Element("Say")!.Value, StringComparison.Ordinal);

        var sent = Assert.Single(emulator.State.Messages());
        Assert.Equal((Caller, tenantNumber, "Our forms: https://example.com/forms"), (sent.To, sent.From, sent.Body));
        var ivr = (await call.DetailsAsync(Tenant))["ivr"]!;
        Assert.Equal(["menu", "chose", "smsRequested", "smsSent"], ivr["steps"]!.AsArray().Select(s => (string)s!["kind"]!).ToArray());
        Assert.Equal(sent.Sid, (string?)ivr["steps"]![3]!["detail"]);
        Assert.Equal("smsSent", (string?)ivr["outcome"]);
        var logged = Assert.Single(await silo.MessagesAsync(Tenant));
        Assert.Equal((sent.Sid, "outbound"), ((string?)logged["messageSid"], (string?)logged["direction"]));
    }

    [Fact]
    public async Task A_caller_who_opted_out_of_texts_is_not_texted_by_the_menu()
    {
        const string tenantNumber = "+15550002223";
        await using var emulator = await StartEmulatorAsync(tenantNumber);
        await using var cluster = await StartClinicAsync(emulator, "ivroptout", tenantNumber);
        var silo = cluster[0];
        await silo.Grains.GetGrain<IOptOutGrain>(GrainKeys.OptOut(Tenant, Caller)).Change(new OptOutChange(true, "STOP", Guid.NewGuid().ToString(), DateTimeOffset.UtcNow));

        var call = new IvrCaller(silo, tenantNumber, Caller);
        await call.DialInAsync();
        var back = await call.SayAsync("could you text me the link");

        Assert.StartsWith("Sorry, we could not send you a text message.", back.Element("Gather")!.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.Empty(emulator.State.Messages());
        Assert.Equal(["menu", "chose", "smsRequested", "smsFailed"], await call.StepsAsync(Tenant));
    }

    [Fact]
    public async Task Without_SignalWire_a_requested_text_is_recorded_as_failed_and_the_caller_is_told()
    {
        const string tenantNumber = "+15005550171";
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivrnotext", silos: 1);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, tenantNumber);
        await cluster[0].PutSettingsOkAsync(Tenant, Flows.Clinic(tenantNumber));
        var call = new IvrCaller(cluster[0], tenantNumber, Caller);
        await call.DialInAsync();
        var back = await call.PressAsync("4");
        Assert.StartsWith("Sorry, we could not send you a text message.", back.Element("Gather")!.Element("Say")!.Value, StringComparison.Ordinal);
        Assert.Equal(["menu", "chose", "smsRequested", "smsFailed"], await call.StepsAsync(Tenant));
    }

    [Fact]
    public async Task AI_tenants_are_answered_with_SWML_whose_functions_are_tenant_scoped_and_recorded_on_the_call()
    {
        const string tenantNumber = "+15005550172";
        const string otherNumber = "+15005550173";
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivragent", silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, tenantNumber);
        await CallLifecycleTests.AssignAsync(cluster[0], OtherTenant, otherNumber);
        var agent = new
        {
            answerAllCalls = true,
            prompt = "You are the receptionist of Harbor Law.",
            voice = "Polly.Matthew",
            departments = new[] { new { name = "Billing", number = "+15005550181" }, new { name = "Family Law", number = "+15005550182" } },
        };
        await cluster[1].PutSettingsOkAsync(Tenant, new
        {
            businessName = "Harbor Law",
            businessHours = Flows.ClosedToday,
            callFlow = new { greeting = "Hello", language = "en-US", aiAgent = agent },
        });
        await cluster[1].PutSettingsOkAsync(OtherTenant, new { businessName = "Rival", callFlow = new { aiAgent = agent } });

        var callSid = Guid.NewGuid().ToString();
        var entry = Form(callSid, tenantNumber);
        using var answer = await cluster[0].PostSignedAsync(CallWebhookClient.EntryPath, entry);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        var swml = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.Equal("1.0.0", (string?)swml["version"]);
        var ai = swml["sections"]!["main"]![1]!["ai"]!;
        Assert.Equal("You are the receptionist of Harbor Law.", (string?)ai["prompt"]!["text"]);
        Assert.Equal("Polly.Matthew", (string?)ai["languages"]![0]!["voice"]);
        Assert.Equal(["transfer", "take_message", "check_business_hours"],
            ai["SWAIG"]!["functions"]!.AsArray().Select(f => (string)f!["function"]!).ToArray());
        var functionsUrl = new Uri((string)ai["SWAIG"]!["defaults"]!["web_hook_url"]!);
        Assert.Equal(Tenant, functionsUrl.UserInfo.Split(':')[0]);

        // SignalWire sends the URL's user info as Basic credentials; without them, or with another tenant's, nothing runs.
        var transfer = Swaig("transfer", callSid, new JsonObject { ["department"] = "family law" });
        using (var anonymous = await PostFunctionAsync(cluster[1], functionsUrl, transfer, credentials: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        var otherAnswer = JsonNode.Parse(await (await cluster[0].PostSignedAsync(CallWebhookClient.EntryPath, Form(Guid.NewGuid().ToString(), otherNumber))).Content.ReadAsStringAsync())!;
        var otherUrl = new Uri((string)otherAnswer["sections"]!["main"]![1]!["ai"]!["SWAIG"]!["defaults"]!["web_hook_url"]!);
        var forged = Tenant + ":" + otherUrl.UserInfo.Split(':')[1];
        using (var foreign = await PostFunctionAsync(cluster[1], functionsUrl, transfer, credentials: forged))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, foreign.StatusCode);
        }

        // The other tenant's own credentials with a call of ours: it answers for its own agent but never touches our call.
        using (var crossCall = await PostFunctionAsync(cluster[1], otherUrl, Swaig("take_message", callSid, new JsonObject { ["message"] = "spoof" }), otherUrl.UserInfo))
        {
            Assert.Equal(HttpStatusCode.OK, crossCall.StatusCode);
        }

        using (var hours = await PostFunctionAsync(cluster[1], functionsUrl, Swaig("check_business_hours", callSid, []), functionsUrl.UserInfo))
        {
            Assert.Contains("closed now", (string?)JsonNode.Parse(await hours.Content.ReadAsStringAsync())!["response"], StringComparison.Ordinal);
        }

        using (var message = await PostFunctionAsync(cluster[0], functionsUrl,
            Swaig("take_message", callSid, new JsonObject { ["name"] = "Ann", ["callback_number"] = "+14155550100", ["message"] = "Please call me about my lease." }),
            functionsUrl.UserInfo))
        {
            Assert.Equal(HttpStatusCode.OK, message.StatusCode);
        }

        using var transferred = await PostFunctionAsync(cluster[1], functionsUrl, transfer, functionsUrl.UserInfo);
        Assert.Equal(HttpStatusCode.OK, transferred.StatusCode);
        var result = JsonNode.Parse(await transferred.Content.ReadAsStringAsync())!;
        var connect = result["action"]!.AsArray().Select(a => a!["SWML"]).Single(a => a is not null)!;
        Assert.Equal("+15005550182", (string?)connect["sections"]!["main"]![0]!["connect"]!["to"]);

        var ivr = (await cluster[0].GetCallAsync(Tenant, callSid)).Call!["ivr"]!;
        Assert.Equal(["agentHandoff", "agentMessage", "agentTransfer"], ivr["steps"]!.AsArray().Select(s => (string)s!["kind"]!).ToArray());
        Assert.Equal("Please call me about my lease.", (string?)ivr["steps"]![1]!["input"]);
        Assert.Equal("Family Law", (string?)ivr["steps"]![2]!["detail"]);
        Assert.Equal("transferred", (string?)ivr["outcome"]);
    }

    private static List<KeyValuePair<string, string>> Form(string callSid, string to) =>
    [
        new("CallSid", callSid), new("AccountSid", "6bfbbe86-a901-4197-8759-2a0de1fa319d"), new("From", Caller), new("To", to),
        new("Direction", "inbound"), new("CallStatus", "ringing"),
    ];

    private static JsonObject Swaig(string function, string callSid, JsonObject arguments) => new()
    {
        ["function"] = function,
        ["argument"] = new JsonObject { ["parsed"] = new JsonArray(arguments), ["raw"] = arguments.ToJsonString() },
        ["call_id"] = callSid,
        ["global_data"] = new JsonObject { ["call_sid"] = callSid },
        ["content_type"] = "text/swaig",
    };

    private static Task<HttpResponseMessage> PostFunctionAsync(TestSilo silo, Uri functionsUrl, JsonObject body, string? credentials)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, functionsUrl.PathAndQuery)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(credentials))));
        }

        return silo.Client.SendAsync(request);
    }

    private static Task<EmulatorHandle> StartEmulatorAsync(string tenantNumber) => EmulatorApp.StartAsync(new EmulatorOptions
    {
        ProjectId = SignalWireHarness.ProjectId, Token = SignalWireHarness.Token, SigningKey = SignalWireHarness.SigningKey,
        OwnedNumbers = [tenantNumber], StepDelayMilliseconds = 30,
    });

    /// <summary>One silo pointed at the emulator, with the clinic's menu on <paramref name="tenantNumber"/>.</summary>
    private async Task<TestSiloCluster> StartClinicAsync(EmulatorHandle emulator, string purpose, string tenantNumber)
    {
        var cluster = await TestSiloCluster.StartAsync(postgres, purpose, silos: 1, new Dictionary<string, string?>
        {
            ["SignalWire:SpaceUrl"] = emulator.BaseAddress.ToString(),
            ["SignalWire:ProjectId"] = SignalWireHarness.ProjectId,
            ["SignalWire:Token"] = SignalWireHarness.Token,
        });
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, tenantNumber);
        await cluster[0].PutSettingsOkAsync(Tenant, Flows.Clinic(tenantNumber));
        return cluster;
    }
}
