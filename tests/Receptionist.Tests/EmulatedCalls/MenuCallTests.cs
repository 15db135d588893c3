using System.Net;
using System.Text.Json.Nodes;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Ivr;
using Receptionist.Tests.Outbound;
using SignalWire.Emulator;
using SignalWire.Emulator.Voice;

namespace Receptionist.Tests.EmulatedCalls;

/// <summary>
/// Whole inbound calls as a caller lives them: the emulator plays the service's answers the way SignalWire would (the
/// number's VoiceUrl set by the claim route, every action URL followed, signed callbacks), and the test asserts what
/// the caller heard and what the tenant then sees through the API. PostgreSQL, one silo.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MenuCallTests(PostgresFixture postgres, TelephonyFixture telephony) : IClassFixture<TelephonyFixture>
{
    private const string Caller = "+14155550123";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private EmulatorHandle Emulator => telephony.Emulator;

    [Fact]
    public async Task A_caller_presses_a_digit_hears_the_answer_and_hangs_up_and_the_tenant_sees_the_call_completed()
    {
        var (silo, tenant, number) = await ClinicAsync();

        var call = await Emulator.Controls.DialInAsync(number, Caller);

        Assert.Equal("gather", call.Progress.WaitingFor);
        Assert.Contains("Bright Smile Dental", call.Progress.Heard[0], StringComparison.Ordinal);
        var hours = await call.PressAsync("2");
        Assert.Contains(hours.Heard, said => said.Contains("We are open nine to five.", StringComparison.Ordinal));
        Assert.Equal("gather", hours.WaitingFor);

        var ended = await call.HangUpAsync();

        Assert.Equal("completed", ended.Status);
        Assert.DoesNotContain(EmulatedCall.ApplicationError, call.Transcript);
        var logged = await silo.WaitForCallAsync(tenant, call.CallSid, "completed", Wait);
        Assert.Equal((ended.Duration, "inbound", Caller), ((int?)logged["durationSeconds"], (string?)logged["direction"], (string?)logged["from"]));
    }

    [Fact]
    public async Task A_forward_nobody_answers_ends_in_a_voicemail_after_the_recording_notice_and_the_tenant_finds_both_on_the_call()
    {
        var (silo, tenant, number) = await ClinicAsync();
        await silo.PatchSettingsOkAsync(tenant, """{ "notices": { "recording": { "enabled": true, "message": "This call is recorded for quality." } } }""");
        var call = await Emulator.Controls.DialInAsync(number, Caller);
        Assert.DoesNotContain(call.Progress.Heard, said => said.Contains("recorded for quality", StringComparison.Ordinal));

        Assert.Equal("dial", (await call.PressAsync("1")).WaitingFor);
        var voicemail = await call.MissForwardAsync();
        Assert.Equal("record", voicemail.WaitingFor);
        // The notice is the last thing said before the beep: after "nobody is available", before the prompt.
        var beforeBeep = Assert.Single(voicemail.Heard);
        Assert.StartsWith("Sorry, nobody is available to take your call. This call is recorded for quality. Please leave a message", beforeBeep, StringComparison.Ordinal);
        var timeline = voicemail.Timeline.ToList();
        var beep = timeline.FindLastIndex(t => t.Contains("beep, recording", StringComparison.Ordinal));
        Assert.InRange(timeline.FindLastIndex(t => t.Contains("recorded for quality", StringComparison.Ordinal)), 0, beep - 1);
        var ended = await call.LeaveRecordingAsync(seconds: 12, hangUp: true);

        Assert.Equal("completed", ended.Status);
        Assert.DoesNotContain(EmulatedCall.ApplicationError, call.Transcript);
        var recording = Assert.Single(Emulator.State.Recordings(), r => r.CallSid == call.CallSid);
        var details = await WaitForAsync(async () =>
        {
            var (status, found) = await silo.GetCallAsync(tenant, call.CallSid);
            return status == HttpStatusCode.OK && (string?)found!["status"] == "completed" && found["recordings"]!.AsArray().Count > 0 ? found : null;
        });
        var kept = Assert.Single(details["recordings"]!.AsArray())!;
        Assert.Equal((recording.Sid, 12), ((string?)kept["recordingSid"], (int?)kept["durationSeconds"]));
        var steps = details["ivr"]!["steps"]!.AsArray();
        Assert.Equal(["menu", "chose", "forwarding", "forwardResult", "recordingNotice", "voicemailPrompt", "voicemailRecorded"],
            steps.Select(s => (string)s!["kind"]!).ToArray());
        Assert.Equal("This call is recorded for quality.", (string?)steps[4]!["detail"]);
    }

    [Fact]
    public async Task A_caller_who_stays_silent_is_asked_again_and_a_spoken_choice_is_understood()
    {
        var (_, _, number) = await ClinicAsync();
        var call = await Emulator.Controls.DialInAsync(number, Caller);
        var menu = call.Progress.Heard[0];

        var again = await call.StaySilentAsync();
        Assert.Equal("gather", again.WaitingFor);
        Assert.Contains(again.Heard, said => said.Contains("press 2", StringComparison.OrdinalIgnoreCase));

        var spoken = await call.SayAsync("what are your opening hours");
        Assert.Contains(spoken.Heard, said => said.Contains("We are open nine to five.", StringComparison.Ordinal));
        Assert.NotEqual(menu, spoken.Heard[0]);
        Assert.Equal("completed", (await call.HangUpAsync()).Status);
    }

    [Fact]
    public async Task An_AI_tenants_caller_hears_the_disclosure_and_recording_notice_before_the_agent_whose_transfer_connects_them()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var silo = cluster[0];
        var tenant = TelephonyApi.NewTenant();
        var number = await silo.GiveNumberAsync(Emulator, tenant);
        await silo.PutSettingsOkAsync(tenant, new
        {
            businessName = "Harbor Law",
            callFlow = new
            {
                aiAgent = new
                {
                    answerAllCalls = true,
                    prompt = "You are the receptionist of Harbor Law.",
                    departments = new[] { new { name = "Billing", number = "+15005550181" }, new { name = "Family Law", number = "+15005550182" } },
                },
            },
            notices = new
            {
                recording = new { enabled = true, message = "This call is recorded." },
                aiDisclosure = new { enabled = true, message = "You are talking to Harbor Law's AI assistant." },
            },
        });

        var call = await Emulator.Controls.DialInAsync(number, Caller);
        Assert.Equal("ai", call.Progress.WaitingFor);
        // The emulated agent says nothing of its own: all the caller heard before it listened are the two notices.
        Assert.Equal(["You are talking to Harbor Law's AI assistant.", "This call is recorded."], call.Progress.Heard);
        await call.SayAsync("I need to talk to someone about my divorce.");
        var transferred = await call.CallFunctionAsync("transfer", new JsonObject { ["department"] = "family law" });

        Assert.Equal("connected", transferred.WaitingFor);
        Assert.Contains("connected to +15005550182", transferred.Timeline);
        Assert.Equal("completed", (await call.HangUpAsync()).Status);
        await silo.WaitForCallAsync(tenant, call.CallSid, "completed", Wait);
        var (_, details) = await silo.GetCallAsync(tenant, call.CallSid);
        Assert.Equal(["aiDisclosure", "recordingNotice", "agentHandoff", "agentTransfer"],
            details!["ivr"]!["steps"]!.AsArray().Select(s => (string)s!["kind"]!).ToArray());
        Assert.Equal("You are talking to Harbor Law's AI assistant.", (string?)details["ivr"]!["steps"]![0]!["detail"]);
    }

    /// <summary>A tenant that claimed a number (so SignalWire points it at the service) and saved the clinic's menu.</summary>
    private async Task<(TestSilo Silo, string Tenant, string Number)> ClinicAsync()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var silo = cluster[0];
        var tenant = TelephonyApi.NewTenant();
        var number = await silo.GiveNumberAsync(Emulator, tenant);
        await silo.PutSettingsOkAsync(tenant, Flows.Clinic(number));
        return (silo, tenant, number);
    }

    private static async Task<JsonObject> WaitForAsync(Func<Task<JsonObject?>> probe)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "the condition never held");
            await Task.Delay(50);
        }
    }
}
