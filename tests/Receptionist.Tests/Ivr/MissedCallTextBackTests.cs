using Npgsql;
using Receptionist.Grains;
using Receptionist.Grains.Messaging;
using Receptionist.Tests.Analytics;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.SignalWire;
using SignalWire.Emulator;

namespace Receptionist.Tests.Ivr;

/// <summary>
/// The missed-call text-back, over signed call webhooks, sent through the emulated SignalWire: once per caller in the
/// tenant's window, never to an opted-out or blocked caller, never to one who was helped.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MissedCallTextBackTests(PostgresFixture postgres)
{
    private const string Tenant = "bright-smile";
    private const string TenantNumber = "+15550002244";
    private const string Message = "Sorry we missed you! Reply here to book.";

    [Fact]
    public async Task Callers_who_hang_up_in_the_menu_or_unanswered_get_one_text_in_the_window_and_refused_or_opted_out_callers_none()
    {
        await using var emulator = await EmulatorApp.StartAsync(new EmulatorOptions
        {
            ProjectId = SignalWireHarness.ProjectId, Token = SignalWireHarness.Token, SigningKey = SignalWireHarness.SigningKey,
            OwnedNumbers = [TenantNumber], StepDelayMilliseconds = 30,
        });
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "textback", silos: 2, new Dictionary<string, string?>
        {
            ["SignalWire:SpaceUrl"] = emulator.BaseAddress.ToString(),
            ["SignalWire:ProjectId"] = SignalWireHarness.ProjectId,
            ["SignalWire:Token"] = SignalWireHarness.Token,

            // The durable wake-up of an owed text (and the shortest reminder period the silos allow).
            ["Webhooks:WakePeriod"] = "00:00:02",
        });
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        await cluster[0].PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber));

        // Off until the tenant turns it on.
        var before = new IvrCaller(cluster[0], TenantNumber, "+14155550100");
        await before.DialInAsync();
        await before.StatusAsync("completed");
        Assert.Empty(emulator.State.Messages());

        await cluster[1].PatchSettingsOkAsync(Tenant, $$"""
            { "missedCallTextBack": { "enabled": true, "message": "{{Message}}", "repeatWindowHours": 24 },
              "screening": { "blocked": ["+1900*"] } }
            """);

        // Hangs up in the menu; SignalWire repeats the callback.
        var abandoned = new IvrCaller(cluster[0], TenantNumber, "+14155550101");
        await abandoned.DialInAsync();
        await abandoned.StatusAsync("completed");
        await abandoned.StatusAsync("completed");
        var texted = Assert.Single(emulator.State.Messages());
        Assert.Equal(("+14155550101", TenantNumber, Message), (texted.To, texted.From, texted.Body));

        // The same caller again, within the window: nothing more.
        var again = new IvrCaller(cluster[1], TenantNumber, "+14155550101");
        await again.DialInAsync();
        await again.StatusAsync("completed");

        // Rang out unanswered: texted.
        var unanswered = CallScenario.Create(1, Guid.NewGuid().ToString(), TenantNumber, 0);
        foreach (var (path, form) in unanswered.Webhooks.Concat(unanswered.Webhooks))
        {
            await cluster[1].PostAcceptedAsync(path, form);
        }

        // Helped (left a voicemail), refused by the block list, opted out: none.
        var helped = new IvrCaller(cluster[0], TenantNumber, "+14155550102");
        await helped.DialInAsync();
        await helped.SayAsync("I'd like to book a visit");
        await helped.DialEndsAsync("no-answer");
        await helped.RecordingEndsAsync("https://example.signalwire.com/recordings/vm-9");
        await helped.StatusAsync("completed");
        var blocked = new IvrCaller(cluster[0], TenantNumber, "+19005550123");
        Assert.NotNull((await blocked.DialInAsync()).Element("Reject"));
        await blocked.StatusAsync("no-answer");
        await cluster[0].Grains.GetGrain<IOptOutGrain>(GrainKeys.OptOut(Tenant, "+14155550103"))
            .Change(new OptOutChange(true, "STOP", Guid.NewGuid().ToString(), DateTimeOffset.UtcNow));
        var optedOut = new IvrCaller(cluster[1], TenantNumber, "+14155550103");
        await optedOut.DialInAsync();
        await optedOut.StatusAsync("completed");

        Assert.Equal(["+14155550001", "+14155550101"], emulator.State.Messages().Select(m => m.To).Order().ToArray());

        // SignalWire answers the first send 503: the text stays owed, durably, and the reminder sends it within the
        // window, once, and retires (a repeated callback meanwhile adds nothing).
        const string Unlucky = "+14155550104";
        emulator.Controls.FailNext(EmulatorRoutes.MessageCreate, 1, 503);
        var unlucky = new IvrCaller(cluster[1], TenantNumber, Unlucky);
        await unlucky.DialInAsync();
        await unlucky.StatusAsync("completed");
        Assert.DoesNotContain(emulator.State.Messages(), m => m.To == Unlucky);
        var hungUp = DateTimeOffset.UtcNow;
        await WaitForAsync(() => Task.FromResult(emulator.State.Messages().Any(m => m.To == Unlucky)), TimeSpan.FromSeconds(30), "the owed text sent");
        Assert.True(DateTimeOffset.UtcNow - hungUp < TimeSpan.FromMinutes(1), "the owed text went out within a minute");
        await unlucky.StatusAsync("completed");
        await WaitForAsync(async () => await RemindersOfAsync(cluster.ConnectionString, Unlucky) == 0, TimeSpan.FromSeconds(30), "the text-back reminder retired");
        Assert.Single(emulator.State.Messages(), m => m.To == Unlucky);
        Assert.Equal(4, emulator.State.RequestCount(EmulatorRoutes.MessageCreate));

        // Every text sent is counted once, as a missed call texted back.
        var analytics = await cluster[0].GetAnalyticsAsync(Tenant, "");
        Assert.Equal(3L, (long)analytics["calls"]!["textedBack"]!);
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(100);
        }
    }

    private static async Task<long> RemindersOfAsync(string connectionString, string caller)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansRemindersTable WHERE GrainId LIKE '%' || $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = caller });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
