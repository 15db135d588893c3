using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Receptionist.Grains.Reconciliation;
using Receptionist.Tests.Analytics;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Ivr;
using Receptionist.Tests.Messaging;
using Receptionist.Tests.Outbound;
using SignalWire.Emulator;
using SignalWire.Emulator.Voice;

namespace Receptionist.Tests.Reconciliation;

/// <summary>
/// Nothing stays stuck: a call or text whose final callback SignalWire lost is fetched from SignalWire's API by the
/// reconciliation sweep and ends as it really did, in the log, the call detail and the analytics; an auto-reply whose
/// send timed out is found and recorded as the reply it is. Emulator, PostgreSQL, two silos.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ReconciliationTests(PostgresFixture postgres, ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    private const string Caller = "+14155550123";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(45);

    private EmulatorHandle Emulator => fixture.Emulator;

    [Fact]
    public async Task A_call_whose_completed_callback_was_lost_ends_completed_with_its_duration_once_SignalWire_answers_the_sweep_again()
    {
        var (silo, tenant, number) = await ClinicAsync();
        var call = await Emulator.Controls.DialInAsync(number, Caller);
        Emulator.Controls.FailNext(EmulatorRoutes.CallFetch, 100_000, 503);
        Emulator.Controls.LoseNextTerminalCallbacks(1);
        var ended = await call.HangUpAsync();
        Assert.Equal("completed", ended.Status);
        await UntilAsync(() => Task.FromResult(Emulator.State.LostCallbacks().Any(lost => lost.Form.Any(f => f is { Key: "CallSid" } && f.Value == call.CallSid))));

        // SignalWire is down: sweeps keep asking, and the call stays as last reported meanwhile.
        var fetches = Emulator.State.RequestCount(EmulatorRoutes.CallFetch);
        await UntilAsync(() => Task.FromResult(Emulator.State.RequestCount(EmulatorRoutes.CallFetch) >= fetches + 3));
        var (_, stuck) = await silo.GetCallAsync(tenant, call.CallSid);
        Assert.NotEqual("completed", (string?)stuck!["status"]);

        Emulator.Controls.ClearFaults();
        var reconciled = await silo.WaitForCallAsync(tenant, call.CallSid, "completed", Wait);
        Assert.Equal(ended.Duration, (int?)reconciled["durationSeconds"]);
        var logged = Assert.Single(await silo.ListCallsAsync(tenant), c => (string?)c!["callSid"] == call.CallSid)!;
        Assert.Equal(("completed", ended.Duration), ((string?)logged["status"], (int?)logged["durationSeconds"]));

        var calls = (await AnalyticsAsync(silo, tenant, a => (long?)a["calls"]!["total"] == 1))["calls"]!;
        Assert.Equal((1L, (long?)ended.Duration), ((long?)calls["answered"], (long?)calls["talkSeconds"]));
    }

    [Fact]
    public async Task A_text_whose_delivered_callback_was_lost_ends_delivered_and_counts_as_delivered()
    {
        var (silo, tenant, number) = await TenantWithNumberAsync();
        Emulator.Controls.LoseNextTerminalCallbacks(1);

        using var response = await silo.SendSmsAsync(tenant, new { to = Caller, from = number, body = "Your crown is ready." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var sid = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["messageSid"]!;
        await UntilAsync(() => Task.FromResult(Emulator.State.LostCallbacks().Any(lost => lost.Form.Any(f => f is { Key: "MessageSid" } && f.Value == sid))));

        var delivered = await silo.WaitForSmsStatusAsync(tenant, sid, "delivered", Wait);
        Assert.NotNull(delivered["deliveredAt"]);
        var sms = (await AnalyticsAsync(silo, tenant, a => (long?)a["sms"]!["delivered"] == 1))["sms"]!;
        Assert.Equal(1L, (long?)sms["sent"]);
    }

    [Fact]
    public async Task An_auto_reply_whose_send_timed_out_is_logged_as_the_reply_SignalWire_sent_or_as_failed_when_it_sent_none_never_sent_twice()
    {
        var (silo, tenant, number) = await TenantWithNumberAsync();
        const string Reply = "Thanks! We will text you back shortly.";
        await silo.PutSettingsOkAsync(tenant, new { businessName = "Bright Smile Dental", sms = new { defaultReply = Reply } });
        var creates = Emulator.State.RequestCount(EmulatorRoutes.MessageCreate);
        var late = TelephonyFixture.SignalWireTimeout + TimeSpan.FromSeconds(1);

        // SignalWire sends the reply but answers after our timeout: we never learn its SID from the send.
        Emulator.Controls.AnswerLateNext(EmulatorRoutes.MessageCreate, 1, late);
        var sent = Guid.NewGuid().ToString();
        Assert.Null(await silo.TextAsync(sent, Caller, number, "Can I move my appointment?"));

        // SignalWire never gets the send done before we give up: there is no reply to find.
        Emulator.Controls.DelayNext(EmulatorRoutes.MessageCreate, 1, late);
        var unsent = Guid.NewGuid().ToString();
        Assert.Null(await silo.TextAsync(unsent, Caller, number, "Are you open on Saturday?"));

        var delivered = await UntilAsync(async () => (await silo.MessagesAsync(tenant, "direction=outbound"))
            .SingleOrDefault(m => (string?)m["inReplyTo"] == sent && (string?)m["status"] == "delivered"));
        Assert.Equal((number, Caller, Reply), ((string?)delivered["from"], (string?)delivered["to"], (string?)delivered["body"]));
        var failed = await UntilAsync(async () => (await silo.MessagesAsync(tenant, "direction=outbound"))
            .SingleOrDefault(m => (string?)m["inReplyTo"] == unsent && (string?)m["status"] == "failed"));
        Assert.Contains("not sent", (string?)failed["errorMessage"], StringComparison.Ordinal);
        Assert.Equal(2, (await silo.MessagesAsync(tenant, "direction=outbound")).Count);
        Assert.Equal(creates + 2, Emulator.State.RequestCount(EmulatorRoutes.MessageCreate));

        // The reply SignalWire sent counts as sent and delivered, the one it never had as failed.
        var sms = (await AnalyticsAsync(silo, tenant, a => (long?)a["sms"]!["failed"] == 1 && (long?)a["sms"]!["delivered"] == 1))["sms"]!;
        Assert.Equal((1L, 2L), ((long?)sms["sent"], (long?)sms["received"]));
    }

    [Fact]
    public async Task A_recording_callback_ahead_of_the_calls_status_is_kept_and_shown_on_the_owning_tenants_call_as_the_recordings_route_lists_it()
    {
        var cluster = await fixture.ClusterAsync(postgres);
        var silo = Running(cluster);
        var (tenant, other) = (TelephonyApi.NewTenant(), TelephonyApi.NewTenant());
        var number = TelephonyApi.NewNumber();
        await CallLifecycleTests.AssignAsync(silo, tenant, number);
        var callSid = Guid.NewGuid().ToString();
        var url = $"https://example.signalwire.com/recordings/rec-{callSid}";

        await silo.PostAcceptedAsync(CallWebhookClient.RecordingPath,
        [
            new("CallSid", callSid), new("RecordingSid", $"rec-{callSid}"), new("RecordingStatus", "completed"),
            new("RecordingUrl", url), new("RecordingDuration", "14"),
        ]);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.GetCallAsync(tenant, callSid)).Status);

        await silo.PostAcceptedAsync(CallWebhookClient.CallStatusPath,
            [new("CallSid", callSid), new("From", Caller), new("To", number), new("Direction", "inbound"), new("CallStatus", "completed"), new("CallDuration", "20")]);

        var (status, detail) = await silo.GetCallAsync(tenant, callSid);
        Assert.Equal(HttpStatusCode.OK, status);
        var recording = Assert.Single(detail!["recordings"]!.AsArray())!;
        Assert.Equal(($"rec-{callSid}", url, 14), ((string?)recording["recordingSid"], (string?)recording["url"], (int?)recording["durationSeconds"]));
        var (listedStatus, listed) = await silo.SendAsync(HttpMethod.Get, $"/api/signalwire/recordings/{callSid}", tenant);
        Assert.Equal(HttpStatusCode.OK, listedStatus);
        Assert.Equal(detail["recordings"]!.ToJsonString(), listed!["recordings"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await silo.GetCallAsync(other, callSid)).Status);
    }

    [Fact]
    public async Task The_sweep_outlives_the_silo_it_ran_on_and_reconciles_a_lost_callback_from_the_survivor()
    {
        var cluster = await fixture.ClusterAsync(postgres);
        var host = await UntilAsync(async () =>
        {
            var activations = await Running(cluster).Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            var sweeper = activations.FirstOrDefault(a => a.GrainId.Key.ToString() == IReconcilerGrain.Key(0));
            return sweeper is null ? null : cluster.Silos.FirstOrDefault(s => s.IsRunning && SiloAddressOf(s).Equals(sweeper.SiloAddress));
        });
        await host.KillAsync();

        try
        {
            var (silo, tenant, number) = await ClinicAsync();
            var call = await Emulator.Controls.DialInAsync(number, Caller);
            Emulator.Controls.LoseNextTerminalCallbacks(1);
            var ended = await call.HangUpAsync();

            var reconciled = await silo.WaitForCallAsync(tenant, call.CallSid, "completed", TimeSpan.FromSeconds(90));
            Assert.Equal(ended.Duration, (int?)reconciled["durationSeconds"]);
        }
        finally
        {
            await cluster.AddSiloAsync();
            await cluster.WaitForMembershipAsync(2);
        }
    }

    private async Task<(TestSilo Silo, string Tenant, string Number)> TenantWithNumberAsync()
    {
        var cluster = await fixture.ClusterAsync(postgres);
        var silo = Running(cluster);
        var tenant = TelephonyApi.NewTenant();
        return (silo, tenant, await silo.GiveNumberAsync(Emulator, tenant));
    }

    private async Task<(TestSilo Silo, string Tenant, string Number)> ClinicAsync()
    {
        var (silo, tenant, number) = await TenantWithNumberAsync();
        await silo.PutSettingsOkAsync(tenant, Flows.Clinic(number));
        return (silo, tenant, number);
    }

    private static TestSilo Running(TestSiloCluster cluster) => cluster.Silos.First(s => s.IsRunning);

    private static SiloAddress SiloAddressOf(TestSilo silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    private static Task<JsonObject> AnalyticsAsync(TestSilo silo, string tenant, Func<JsonObject, bool> until)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var range = $"from={AnalyticsCalls.Day(today.AddDays(-1))}&to={AnalyticsCalls.Day(today.AddDays(1))}";
        return UntilAsync(async () => await silo.GetAnalyticsAsync(tenant, range) is var figures && until(figures) ? figures : null);
    }

    private static async Task UntilAsync(Func<Task<bool>> condition) =>
        await UntilAsync(async () => await condition() ? (object?)true : null);

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(100);
        }
    }
}
