using System.Net;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;
using SignalWire.Emulator.State;

namespace Receptionist.Tests.Outbound;

/// <summary>Calls placed and steered through the API, played out by the SignalWire emulator, seen through the live routes.</summary>
[Collection(PostgresCollection.Name)]
public sealed class OutboundCallTests(PostgresFixture postgres, TelephonyFixture telephony) : IClassFixture<TelephonyFixture>
{
    private EmulatorHandle Emulator => telephony.Emulator;

    [Fact]
    public async Task An_outbound_call_placed_through_the_api_plays_out_to_completed_with_its_duration()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var from = await cluster[0].GiveNumberAsync(Emulator, tenant);
        var to = TelephonyApi.NewNumber();
        Emulator.Controls.ScriptCallsTo(to, new CallScript(CallOutcome.Completed, DurationSeconds: 17));

        var (status, placed) = await cluster[0].PlaceCallAsync(tenant, new { to, from, machineDetection = "Enable", timeoutSeconds = 25 });

        Assert.Equal(HttpStatusCode.Created, status);
        var callSid = (string)placed!["callSid"]!;
        Assert.Equal(("outbound", from, to), ((string?)placed["direction"], (string?)placed["from"], (string?)placed["to"]));
        Assert.Equal("placed", (string?)placed["events"]![0]!["type"]);

        // Through the other silo, from the grain: every signed callback folded into the call the API recorded.
        var completed = await cluster[1].WaitForCallAsync(tenant, callSid, "completed");
        Assert.Equal(17, (int?)completed["durationSeconds"]);
        Assert.Equal("outbound", (string?)completed["direction"]);
        Assert.Equal("human", (string?)completed["answeredBy"]);
        Assert.NotNull(completed["answeredAt"]);
        // The voice request and the callback both report the answer: the history shows it once.
        var history = completed["events"]!.AsArray();
        Assert.Equal("placed", (string?)history[0]!["type"]);
        var statuses = history.Skip(1).Select(e => (string)e!["status"]!).ToArray();
        Assert.Equal(4, statuses.Length);
        Assert.Equal(statuses.Distinct().ToArray(), statuses);
        Assert.Equal(["in-progress", "completed"], statuses[^2..]);

        // With no url the call ran the tenant's own flow; callbacks went to the public base URL of the silo asked.
        var played = Emulator.State.Call(callSid)!;
        var silo0 = $"http://127.0.0.1:{cluster[0].HttpPort}";
        Assert.Equal($"{silo0}/api/mcp/ivr/entry", played.Url);
        Assert.Equal($"{silo0}/api/signalwire/webhook/call-status", played.StatusCallback);
        Assert.Equal(["initiated", "ringing", "answered", "completed"], played.Events);
        Assert.Equal(("Enable", 25), (played.MachineDetection, played.TimeoutSeconds));
        Assert.Contains(Emulator.State.Webhooks(), w => w.Url == played.Url && w.StatusCode == 200);

        var listed = Assert.Single(await cluster[1].ListCallsAsync(tenant));
        Assert.Equal((callSid, "completed", 17), ((string?)listed!["callSid"], (string?)listed["status"], (int?)listed["durationSeconds"]));
    }

    [Theory]
    [InlineData(CallOutcome.Busy, "busy")]
    [InlineData(CallOutcome.NoAnswer, "no-answer")]
    [InlineData(CallOutcome.Failed, "failed")]
    public async Task A_call_nobody_answers_ends_with_the_outcome_SignalWire_reports(CallOutcome outcome, string expected)
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var from = await cluster[0].GiveNumberAsync(Emulator, tenant);
        var to = TelephonyApi.NewNumber();
        Emulator.Controls.ScriptCallsTo(to, new CallScript(outcome));

        var (_, placed) = await cluster[1].PlaceCallAsync(tenant, new { to, from });

        var ended = await cluster[0].WaitForCallAsync(tenant, (string)placed!["callSid"]!, expected);
        Assert.Null(ended["answeredAt"]);
        Assert.Equal(0, (int?)ended["durationSeconds"] ?? 0);
    }

    [Fact]
    public async Task A_live_call_is_hung_up_through_patch_and_only_by_its_tenant()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var from = await cluster[0].GiveNumberAsync(Emulator, tenant);
        var to = TelephonyApi.NewNumber();
        Emulator.Controls.ScriptCallsTo(to, new CallScript(HoldUntilHangUp: true));
        var (_, placed) = await cluster[0].PlaceCallAsync(tenant, new { to, from });
        var callSid = (string)placed!["callSid"]!;
        await cluster[1].WaitForCallAsync(tenant, callSid, "in-progress");
        var path = $"/api/signalwire/call/{callSid}";

        var (foreign, _) = await cluster[1].SendAsync(HttpMethod.Patch, path, TelephonyApi.NewTenant(), new { status = "completed" });
        var (invalid, problem) = await cluster[1].SendAsync(HttpMethod.Patch, path, tenant, new { status = "completed", url = "https://example.test/x" });
        var (readOnly, _) = await cluster[1].SendAsync(HttpMethod.Patch, path, tenant, new { status = "completed" }, "calls:read");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden), (foreign, invalid, readOnly));
        Assert.NotNull(problem!["errors"]!["status"]);
        Assert.Equal("in-progress", Emulator.State.Call(callSid)!.Status);

        var (hungUp, _) = await cluster[1].SendAsync(HttpMethod.Patch, path, tenant, new { status = "completed" });

        Assert.Equal(HttpStatusCode.OK, hungUp);
        var completed = await cluster[0].WaitForCallAsync(tenant, callSid, "completed");
        Assert.True((int?)completed["durationSeconds"] >= 1);
        Assert.Equal("completed", Emulator.State.Call(callSid)!.Status);

        // A second hang-up: SignalWire refuses it (the call is over), with its code, and the call stays as it was.
        var (again, refusal) = await cluster[0].SendAsync(HttpMethod.Patch, path, tenant, new { status = "completed" });
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal("https://receptionist.dev/problems/signalwire-rejected", (string?)refusal!["type"]);
        Assert.Equal(10000, (int?)refusal["signalWireCode"]);
    }

    [Fact]
    public async Task A_from_number_the_tenant_does_not_own_is_forbidden_and_nothing_is_dialled()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        await cluster[0].GiveNumberAsync(Emulator, tenant);
        var othersNumber = await cluster[0].GiveNumberAsync(Emulator, TelephonyApi.NewTenant());
        var creates = Emulator.State.RequestCount(EmulatorRoutes.CallCreate);

        var (others, problem) = await cluster[0].PlaceCallAsync(tenant, new { to = TelephonyApi.NewNumber(), from = othersNumber });
        var (nobodys, _) = await cluster[1].PlaceCallAsync(tenant, new { to = TelephonyApi.NewNumber(), from = TelephonyApi.NewNumber() });
        var (invalid, validation) = await cluster[1].PlaceCallAsync(tenant, new { to = "5551234", from = othersNumber, timeoutSeconds = 0 });

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest), (others, nobodys, invalid));
        Assert.Contains(othersNumber, (string?)problem!["detail"], StringComparison.Ordinal);
        Assert.NotNull(validation!["errors"]!["to"]);
        Assert.NotNull(validation["errors"]!["timeoutSeconds"]);
        Assert.Equal(creates, Emulator.State.RequestCount(EmulatorRoutes.CallCreate));
        Assert.Empty(await cluster[0].ListCallsAsync(tenant));
    }

    [Theory]
    [InlineData(ErrorShape.ErrorsArray, 400, 21211)]
    [InlineData(ErrorShape.Standard, 422, 21217)]
    public async Task A_SignalWire_refusal_is_a_4xx_problem_with_its_code_and_records_nothing(ErrorShape shape, int status, int code)
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var from = await cluster[0].GiveNumberAsync(Emulator, tenant);
        Emulator.Controls.FailNext(EmulatorRoutes.CallCreate, 1, status, shape, code, "The 'To' number is not reachable");

        var (answer, problem) = await cluster[1].PlaceCallAsync(tenant, new { to = TelephonyApi.NewNumber(), from });

        Assert.Equal((HttpStatusCode)status, answer);
        Assert.Equal("https://receptionist.dev/problems/signalwire-rejected", (string?)problem!["type"]);
        Assert.Equal(code, (int?)problem["signalWireCode"]);
        Assert.Equal(status, (int?)problem["signalWireStatus"]);
        Assert.Equal("The 'To' number is not reachable", (string?)problem["signalWireMessage"]);
        await AssertNoCallsAsync(cluster, tenant);
    }

    [Fact]
    public async Task A_SignalWire_server_error_is_502_and_records_nothing()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var from = await cluster[0].GiveNumberAsync(Emulator, tenant);
        Emulator.Controls.FailNext(EmulatorRoutes.CallCreate, 1, 503);

        var (answer, problem) = await cluster[0].PlaceCallAsync(tenant, new { to = TelephonyApi.NewNumber(), from });

        Assert.Equal(HttpStatusCode.BadGateway, answer);
        Assert.Equal("https://receptionist.dev/problems/signalwire-unavailable", (string?)problem!["type"]);
        Assert.Equal(503, (int?)problem["signalWireStatus"]);
        await AssertNoCallsAsync(cluster, tenant);
    }

    [Fact]
    public async Task SignalWire_not_answering_in_time_is_504_and_records_nothing()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var from = await cluster[0].GiveNumberAsync(Emulator, tenant);
        var to = TelephonyApi.NewNumber();
        Emulator.Controls.DelayNext(EmulatorRoutes.CallCreate, 1, TelephonyFixture.SignalWireTimeout * 2);

        var (answer, problem) = await cluster[0].PlaceCallAsync(tenant, new { to, from });

        Assert.Equal(HttpStatusCode.GatewayTimeout, answer);
        Assert.Equal("https://receptionist.dev/problems/signalwire-timeout", (string?)problem!["type"]);
        Assert.Equal("SignalWire did not answer the request to create a call in time.", (string?)problem["detail"]);
        await Task.Delay(TelephonyFixture.SignalWireTimeout);
        Assert.DoesNotContain(Emulator.State.Calls(), c => c.To == to);
        await AssertNoCallsAsync(cluster, tenant);
    }

    [Fact]
    public async Task Recordings_of_a_recorded_call_come_with_media_urls_and_only_for_its_tenant()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var from = await cluster[0].GiveNumberAsync(Emulator, tenant);
        var to = TelephonyApi.NewNumber();
        Emulator.Controls.ScriptCallsTo(to, new CallScript(DurationSeconds: 9));
        var (_, placed) = await cluster[0].PlaceCallAsync(tenant, new { to, from, record = true });
        var callSid = (string)placed!["callSid"]!;
        await cluster[0].WaitForCallAsync(tenant, callSid, "completed");

        var (status, body) = await cluster[1].SendAsync(HttpMethod.Get, $"/api/signalwire/recordings/{callSid}", tenant);
        var (foreign, _) = await cluster[1].SendAsync(HttpMethod.Get, $"/api/signalwire/recordings/{callSid}", TelephonyApi.NewTenant());
        var (unknown, _) = await cluster[1].SendAsync(HttpMethod.Get, $"/api/signalwire/recordings/{Guid.NewGuid()}", tenant);
        var (unpermitted, _) = await cluster[1].SendAsync(HttpMethod.Get, $"/api/signalwire/recordings/{callSid}", tenant, null, "calls:read");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Forbidden), (status, foreign, unknown, unpermitted));
        var recording = Assert.Single(body!["recordings"]!.AsArray());
        var expected = Assert.Single(Emulator.State.Recordings(), r => r.CallSid == callSid);
        Assert.Equal((expected.Sid, 9), ((string?)recording!["recordingSid"], (int?)recording["durationSeconds"]));
        Assert.True(Emulator.State.Call(callSid)!.Record);

        // The emulator sends no recording callback for a placed call: the recording was learnt from SignalWire's list,
        // and the call's detail (served from memory) now lists the same recordings as the route.
        var (_, detail) = await cluster[0].SendAsync(HttpMethod.Get, $"/api/signalwire/call/{callSid}", tenant);
        Assert.Equal(body["recordings"]!.ToJsonString(), detail!["recordings"]!.ToJsonString());

        // The URL serves the audio itself, without credentials.
        using var media = await new HttpClient().GetAsync((string)recording["url"]!);
        Assert.Equal(HttpStatusCode.OK, media.StatusCode);
        Assert.Equal("audio/x-wav", media.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Health_reports_storage_cluster_and_SignalWire_with_its_latency()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();

        var (status, health) = await cluster[0].SendAsync(HttpMethod.Get, "/api/signalwire/health", tenant, null, "system:read");
        var (forbidden, _) = await cluster[0].SendAsync(HttpMethod.Get, "/api/signalwire/health", tenant, null, "calls:read");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (status, forbidden));
        Assert.Equal("Healthy", (string?)health!["status"]);
        Assert.Equal("Healthy", (string?)health["checks"]!["postgres"]!["status"]);
        Assert.Equal(2, (int?)health["checks"]!["silo"]!["data"]!["activeSilos"]);
        var signalWire = health["checks"]!["signalwire"]!;
        Assert.Equal("Healthy", (string?)signalWire["status"]);
        Assert.True((double?)signalWire["data"]!["latencyMs"] > 0);

        Emulator.Controls.FailNext(EmulatorRoutes.AccountFetch, 2, 500);
        var (degraded, report) = await cluster[1].SendAsync(HttpMethod.Get, "/api/signalwire/health", tenant, null, "system:read");

        Assert.Equal(HttpStatusCode.OK, degraded);
        Assert.Equal("Degraded", (string?)report!["status"]);
        Assert.Equal("Degraded", (string?)report["checks"]!["signalwire"]!["status"]);
        Assert.False((bool?)report["checks"]!["signalwire"]!["data"]!["reachable"]);
    }

    private static async Task AssertNoCallsAsync(TestSiloCluster cluster, string tenant)
    {
        // Give a wrongly placed call time to show: the emulator plays a call out within a few steps.
        await Task.Delay(500);
        Assert.Empty(await cluster[0].ListCallsAsync(tenant));
        Assert.Empty(await cluster[1].ListCallsAsync(tenant));
    }
}
