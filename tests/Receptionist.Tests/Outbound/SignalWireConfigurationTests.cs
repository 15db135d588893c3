using System.Net;
using Receptionist.Grains;
using Receptionist.Grains.Numbers;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;
using SignalWire.Emulator.State;

namespace Receptionist.Tests.Outbound;

/// <summary>Single in-memory silos: without SignalWire at all, and with SignalWire but no public base URL.</summary>
public sealed class SignalWireConfigurationTests
{
    [Fact]
    public async Task Without_SignalWire_every_outbound_action_is_503_and_nothing_is_recorded()
    {
        await using var silo = await TestSilo.StartAsync(new Dictionary<string, string?>());
        var tenant = TelephonyApi.NewTenant();
        var from = TelephonyApi.NewNumber();
        await silo.Grains.GetGrain<IPhoneNumberGrain>(GrainKeys.PhoneNumber(from)).Assign(tenant, Guid.NewGuid().ToString());

        var answers = new[]
        {
            await silo.PlaceCallAsync(tenant, new { to = TelephonyApi.NewNumber(), from }),
            await silo.SendAsync(HttpMethod.Post, "/api/signalwire/phone-numbers", tenant, new { phoneNumber = TelephonyApi.NewNumber() }),
            await silo.SendAsync(HttpMethod.Post, "/api/signalwire/phone-numbers", tenant, new { areaCode = "415" }),
            await silo.SendAsync(HttpMethod.Get, "/api/signalwire/phone-numbers/available?areaCode=415", tenant),
        };

        Assert.All(answers, a =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status);
            Assert.Equal("https://receptionist.dev/problems/signalwire-not-configured", (string?)a.Body!["type"]);
            Assert.Equal("SignalWire is not configured", (string?)a.Body["detail"]);
        });
        Assert.Empty(await silo.ListCallsAsync(tenant));
        var (_, numbers) = await silo.SendAsync(HttpMethod.Get, "/api/signalwire/phone-numbers", tenant);
        Assert.Equal([from], numbers!["phoneNumbers"]!.AsArray().Select(n => (string?)n!["phoneNumber"]));

        var (status, health) = await silo.SendAsync(HttpMethod.Get, "/api/signalwire/health", tenant, null, "system:read");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", (string?)health!["checks"]!["signalwire"]!["status"]);
        Assert.Equal("SignalWire is not configured", (string?)health["checks"]!["signalwire"]!["description"]);
    }

    [Fact]
    public async Task Without_a_public_base_url_callbacks_go_to_the_url_the_request_came_in_on()
    {
        await using var emulator = await EmulatorApp.StartAsync(TelephonyFixture.EmulatorOptions());
        await using var silo = await TestSilo.StartAsync(TelephonyFixture.SignalWireSettings(emulator));
        var tenant = TelephonyApi.NewTenant();
        var from = await silo.GiveNumberAsync(emulator, tenant);
        var to = TelephonyApi.NewNumber();
        emulator.Controls.ScriptCallsTo(to, new CallScript(DurationSeconds: 4));

        var (_, placed) = await silo.PlaceCallAsync(tenant, new { to, from, url = $"{silo.Client.BaseAddress}api/mcp/ivr/entry" });

        var callSid = (string)placed!["callSid"]!;
        Assert.Equal(4, (int?)(await silo.WaitForCallAsync(tenant, callSid, "completed"))["durationSeconds"]);
        Assert.Equal($"http://127.0.0.1:{silo.HttpPort}/api/signalwire/webhook/call-status", emulator.State.Call(callSid)!.StatusCallback);
        Assert.Equal($"http://127.0.0.1:{silo.HttpPort}/api/mcp/ivr/entry", emulator.State.Numbers().Single(n => n.PhoneNumber == from).VoiceUrl);
    }
}
