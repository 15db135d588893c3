using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Receptionist.Grains.Events;
using Receptionist.Grains.Reports;
using Receptionist.Tests.Analytics;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Events;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Ivr;
using Receptionist.Tests.Outbound;
using SignalWire.Emulator;
using SignalWire.Emulator.Playout;
using SignalWire.Emulator.Voice;

namespace Receptionist.Tests.EmulatedCalls;

/// <summary>
/// What reaches the business after a call: the AI agent's post-call report (summary, transcript) and a voicemail's
/// transcription, played end to end through the emulator on PostgreSQL with two silos; the report is read from the
/// silo that did not receive it. Repeated, unauthenticated, forged and cross-tenant deliveries change nothing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CallReportTests(PostgresFixture postgres, TelephonyFixture telephony) : IClassFixture<TelephonyFixture>
{
    private const string Caller = "+14155550177";
    private const string Summary = "Dana Reyes called to move her Thursday consultation; call back on +14155550177. Outcome: message taken.";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmulatorHandle Emulator => telephony.Emulator;

    [Fact]
    public async Task An_AI_call_ends_with_its_summary_and_transcript_on_the_call_detail_and_a_repeated_report_stores_once()
    {
        var (cluster, tenant, number) = await AiTenantAsync();
        var (endpoint, _) = await cluster[1].CreateEndpointAsync(tenant, "https://hooks.harbor-law.example/calls", WebhookEventTypes.CallSummaryReady);
        var call = await Emulator.Controls.DialInAsync(number, Caller);
        Assert.Equal("ai", call.Progress.WaitingFor);
        var ai = JsonNode.Parse(call.AnswerBody!)!["sections"]!["main"]![1]!["ai"]!;
        Assert.Contains("the number to call them back on", (string?)ai["post_prompt"]!["text"], StringComparison.Ordinal);
        Assert.EndsWith("/api/mcp/ai/post-prompt", new Uri((string)ai["post_prompt_url"]!).AbsolutePath, StringComparison.Ordinal);

        await call.SayAsync("Hi, this is Dana Reyes, I need to move my consultation on Thursday.");
        await call.AgentSaysAsync("Of course, Dana. I will pass that on. What number can we reach you on?");
        await call.SayAsync("Plus one four one five five five five zero one seven seven.");
        call.SummarizeAs(Summary);
        await call.HangUpAsync();

        var delivered = Assert.Single(Emulator.State.Webhooks(), w => w.Kind == "ai-post-prompt" && w.Form[0].Value.Contains(call.CallSid, StringComparison.Ordinal));
        Assert.Equal(204, delivered.StatusCode);

        // Read on the other silo: the report is durable cluster state, not a silo's memory.
        var detail = await WaitForReportAsync(cluster[1], tenant, call.CallSid, r => r["summary"] is not null);
        var report = detail["report"]!;
        Assert.Equal(Summary, (string?)report["summary"]);
        Assert.Equal(Summary, (string?)report["postPromptData"]!["raw"]);
        var turns = report["transcript"]!.AsArray();
        Assert.Equal(["caller", "agent", "caller"], turns.Select(t => (string)t!["role"]!));
        Assert.Equal("Hi, this is Dana Reyes, I need to move my consultation on Thursday.", (string?)turns[0]!["text"]);
        Assert.All(turns, t => Assert.NotNull((string?)t!["at"]));
        Assert.Equal("caller", (string?)report["endedBy"]);
        Assert.True((decimal?)report["usage"]!["minutes"] >= 0);

        Assert.Equal(204, await call.RepeatReportAsync());
        var again = await cluster[0].GetCallAsync(tenant, call.CallSid);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(report.ToJsonString(), again.Call!["report"]!.ToJsonString());

        // The business's systems are told once, with the summary, the outcome it names and where to read the rest.
        var ready = Assert.Single(await cluster[0].DeliveriesAsync(tenant, endpoint, "limit=100"));
        Assert.Equal("call.summary.ready", (string?)ready["eventType"]);
        var data = ready["payload"]!["data"]!;
        Assert.Equal((call.CallSid, "agent", Summary, "messageTaken", Caller, $"/api/signalwire/call/{call.CallSid}"),
            ((string?)data["callSid"], (string?)data["source"], (string?)data["summary"], (string?)data["outcome"], (string?)data["caller"]!["number"],
             (string?)data["links"]!["call"]));
        Assert.False((bool)data["summaryTruncated"]!);

        // And the outcome is counted once in the tenant's analytics, whatever SignalWire repeated.
        var outcomes = (await cluster[1].GetAnalyticsAsync(tenant, ""))["aiOutcomes"]!;
        Assert.Equal((1L, 0L, 0L, 0L, 0L), ((long)outcomes["messageTaken"]!, (long)outcomes["resolved"]!, (long)outcomes["transferred"]!,
            (long)outcomes["followUp"]!, (long)outcomes["other"]!));
    }

    [Theory]
    [InlineData("""[{"outcome":"follow_up","caller_name":"Dana"}]""", "Outcome: answered.", AgentOutcome.FollowUp)]
    [InlineData(null, "Dana Reyes, about billing; transferred to Billing.", AgentOutcome.Transferred)]
    [InlineData(null, "Took a message for Dr. Lee; follow-up needed tomorrow.", AgentOutcome.FollowUp)]
    [InlineData(null, "Asked for the opening hours; answered.", AgentOutcome.Resolved)]
    [InlineData("""{"name":"Dana"}""", "The caller asked about parking.", AgentOutcome.Other)]
    public void The_agents_outcome_is_its_JSON_answers_outcome_else_what_its_words_say(string? parsed, string raw, AgentOutcome expected) =>
        Assert.Equal(expected, AgentOutcomes.Of(new AgentConversation { PostPromptParsed = parsed, PostPromptRaw = raw }));

    [Fact]
    public async Task An_unauthenticated_or_forged_report_is_refused_and_another_tenant_neither_writes_nor_reads_the_call()
    {
        var (cluster, tenant, number) = await AiTenantAsync();
        var call = await Emulator.Controls.DialInAsync(number, Caller);
        var reportUrl = new Uri((string)JsonNode.Parse(call.AnswerBody!)!["sections"]!["main"]![1]!["ai"]!["post_prompt_url"]!);
        await call.SayAsync("I would like to book a consultation.");

        var (_, intruder, intruderNumber) = await AiTenantAsync();
        var intruderCall = await Emulator.Controls.DialInAsync(intruderNumber, "+14155550188");
        var intruderUrl = new Uri((string)JsonNode.Parse(intruderCall.AnswerBody!)!["sections"]!["main"]![1]!["ai"]!["post_prompt_url"]!);
        await intruderCall.HangUpAsync();

        var forged = new JsonObject
        {
            ["action"] = "post_conversation",
            ["call_id"] = call.CallSid,
            ["global_data"] = new JsonObject { ["call_sid"] = call.CallSid },
            ["conversation_summary"] = "Forged: wire money to this account.",
            ["call_log"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "forged" }),
        }.ToJsonString();
        var client = cluster[0].Client;
        var bare = new UriBuilder(reportUrl) { UserName = "", Password = "" }.Uri;
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, bare, forged, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, bare, forged, Uri.UnescapeDataString(reportUrl.UserInfo.Split(':')[0]) + ":not-the-secret"));
        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(client, intruderUrl, forged, Uri.UnescapeDataString(intruderUrl.UserInfo)));

        var (status, before) = await cluster[1].GetCallAsync(tenant, call.CallSid);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(before!["report"]);

        call.SummarizeAs(Summary);
        await call.HangUpAsync();
        var detail = await WaitForReportAsync(cluster[1], tenant, call.CallSid, r => r["summary"] is not null);
        Assert.Equal(Summary, (string?)detail["report"]!["summary"]);
        Assert.DoesNotContain("forged", detail["report"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await cluster[1].GetCallAsync(intruder, call.CallSid)).Status);
    }

    [Fact]
    public async Task A_menu_voicemail_is_transcribed_onto_the_call_detail_with_its_IVR_path_and_the_recordings_the_recordings_route_lists()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var number = await cluster[0].GiveNumberAsync(Emulator, tenant);
        await cluster[0].PutSettingsOkAsync(tenant, Flows.Clinic(number));
        var (endpoint, _) = await cluster[0].CreateEndpointAsync(tenant, "https://hooks.clinic.example/calls", WebhookEventTypes.CallSummaryReady);
        const string Words = "Hi, it's Sam Ortiz. Please call me back about my crown on 415 555 0199.";

        var call = await Emulator.Controls.DialInAsync(number, Caller);
        await call.PressAsync("1");
        Assert.Equal("record", (await call.MissForwardAsync()).WaitingFor);
        await call.LeaveRecordingAsync(seconds: 9, hangUp: true, transcription: Words);

        var recording = Assert.Single(Emulator.State.Recordings(), r => r.CallSid == call.CallSid);
        var detail = await WaitForReportAsync(cluster[1], tenant, call.CallSid,
            r => r["voicemails"]!.AsArray().Count > 0, d => d["recordings"]!.AsArray().Count > 0);
        var voicemail = Assert.Single(detail["report"]!["voicemails"]!.AsArray())!;
        Assert.Equal((recording.Sid, "completed", Words), ((string?)voicemail["recordingSid"], (string?)voicemail["status"], (string?)voicemail["transcription"]));
        Assert.Null(detail["report"]!["summary"]);
        Assert.NotNull(detail["ivr"]);

        var (status, listed) = await cluster[0].SendAsync(HttpMethod.Get, $"/api/signalwire/recordings/{call.CallSid}", tenant);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(listed!["recordings"]!.ToJsonString(), detail["recordings"]!.ToJsonString());
        Assert.Equal(recording.Sid, (string?)detail["recordings"]![0]!["recordingSid"]);

        // A menu call's report is ready with its voicemail's text: one event for the recording.
        var ready = Assert.Single(await cluster[1].DeliveriesAsync(tenant, endpoint, "limit=100"));
        var data = ready["payload"]!["data"]!;
        Assert.Equal((call.CallSid, "voicemail", Words, "voicemail", recording.Sid, "voicemail"),
            ((string?)data["callSid"], (string?)data["source"], (string?)data["summary"], (string?)data["outcome"], (string?)data["recordingSid"],
             (string?)data["ivrOutcome"]));
    }

    [Fact]
    public async Task A_long_conversation_is_kept_within_the_reports_bounds_and_a_body_beyond_the_limit_is_refused()
    {
        var (cluster, tenant, number) = await AiTenantAsync();
        var call = await Emulator.Controls.DialInAsync(number, Caller);
        var reportUrl = new Uri((string)JsonNode.Parse(call.AnswerBody!)!["sections"]!["main"]![1]!["ai"]!["post_prompt_url"]!);
        var credentials = Uri.UnescapeDataString(reportUrl.UserInfo);
        var turns = new JsonArray();
        for (var i = 0; i < 205; i++)
        {
            turns.Add(new JsonObject { ["role"] = i % 2 == 0 ? "user" : "assistant", ["content"] = $"{i:D3} " + new string('a', i < 5 ? 2_500 : 20) });
        }

        var report = new JsonObject
        {
            ["action"] = "post_conversation", ["call_id"] = call.CallSid,
            ["conversation_summary"] = new string('s', 5_000),
            ["call_log"] = turns,
        };
        var tooLarge = new JsonObject { ["action"] = "post_conversation", ["call_id"] = call.CallSid, ["padding"] = new string('p', 300_000) };
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(cluster[0].Client, reportUrl, tooLarge.ToJsonString(), credentials));
        Assert.Equal(HttpStatusCode.NoContent, await PostAsync(cluster[0].Client, reportUrl, report.ToJsonString(), credentials));

        var detail = await WaitForReportAsync(cluster[1], tenant, call.CallSid, r => r["summary"] is not null);
        var kept = detail["report"]!;
        Assert.Equal(4_000, ((string)kept["summary"]!).Length);
        Assert.Equal(200, kept["transcript"]!.AsArray().Count);
        Assert.Equal(5, (int)kept["omittedTurns"]!);
        Assert.StartsWith("199 ", (string)kept["transcript"]![199]!["text"]!, StringComparison.Ordinal);
        Assert.Equal([2_000, 2_000, 2_000, 2_000, 2_000, 24], kept["transcript"]!.AsArray().Take(6).Select(t => ((string)t!["text"]!).Length));
        await call.HangUpAsync();
    }

    [Fact]
    public async Task A_SWML_fetch_signed_over_its_raw_body_is_answered_with_the_agent_and_a_forged_one_changes_nothing()
    {
        var (cluster, tenant, number) = await AiTenantAsync();
        var silo = cluster[1];
        var callSid = Guid.NewGuid().ToString();
        var fetch = new JsonObject
        {
            ["call"] = new JsonObject
            {
                ["call_id"] = callSid, ["call_state"] = "created", ["direction"] = "inbound", ["type"] = "phone",
                ["from"] = Caller, ["to"] = number, ["from_number"] = Caller, ["to_number"] = number,
                ["project_id"] = TelephonyFixture.ProjectId,
            },
            ["vars"] = new JsonObject(),
        }.ToJsonString();
        var url = new Uri(silo.Client.BaseAddress!, CallWebhookClient.EntryPath).ToString();

        Assert.Equal(HttpStatusCode.Forbidden, (await PostFetchAsync(silo, fetch, WebhookSigner.SignJson("PSK_wrong", url, fetch))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFetchAsync(silo, fetch, null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFetchAsync(silo, fetch.Replace("\"inbound\"", "\"outbound\"", StringComparison.Ordinal), WebhookSigner.SignJson(SiloProcess.SigningKey, url, fetch))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.GetCallAsync(tenant, callSid)).Status);

        var (status, body) = await PostFetchAsync(silo, fetch, WebhookSigner.SignJson(SiloProcess.SigningKey, url, fetch));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(JsonNode.Parse(body)!["sections"]!["main"]![1]!["ai"]!["post_prompt_url"]);
        var (found, call) = await cluster[0].GetCallAsync(tenant, callSid);
        Assert.Equal(HttpStatusCode.OK, found);
        Assert.Equal((Caller, number, "inbound"), ((string?)call!["from"], (string?)call["to"], (string?)call["direction"]));
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostFetchAsync(TestSilo silo, string json, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CallWebhookClient.EntryPath) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.Add("X-SignalWire-Signature", signature);
        }

        using var response = await silo.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<(TestSiloCluster Cluster, string Tenant, string Number)> AiTenantAsync()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var number = await cluster[0].GiveNumberAsync(Emulator, tenant);
        await cluster[0].PutSettingsOkAsync(tenant, new
        {
            businessName = "Harbor Law",
            callFlow = new
            {
                aiAgent = new
                {
                    answerAllCalls = true,
                    prompt = "You are the receptionist of Harbor Law.",
                    departments = new[] { new { name = "Billing", number = "+15005550181" } },
                },
            },
        });
        return (cluster, tenant, number);
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient client, Uri url, string json, string? credentials)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url.PathAndQuery) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Polls the call detail until its report satisfies <paramref name="ready"/> (and the detail <paramref name="also"/>).</summary>
    private static async Task<JsonObject> WaitForReportAsync(TestSilo silo, string tenant, string callSid, Func<JsonNode, bool> ready, Func<JsonObject, bool>? also = null)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var (status, call) = await silo.GetCallAsync(tenant, callSid);
            if (status == HttpStatusCode.OK && call!["report"] is { } report && ready(report) && (also is null || also(call)))
            {
                return call;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the call's report never showed: {status} {call}");
            await Task.Delay(50);
        }
    }
}
