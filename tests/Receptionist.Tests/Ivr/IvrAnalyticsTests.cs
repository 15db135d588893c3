using Receptionist.Tests.Analytics;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Ivr;

[Collection(PostgresCollection.Name)]
public sealed class IvrAnalyticsTests(PostgresFixture postgres)
{
    private const string Tenant = "menu-stats";
    private const string TenantNumber = "+15005550171";

    [Fact]
    public async Task The_options_callers_choose_are_counted_in_the_tenants_analytics_once_each()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "ivrstats", silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        await cluster[1].PutSettingsOkAsync(Tenant, Flows.Clinic(TenantNumber));

        foreach (var (caller, digits) in new[] { ("+14155550001", new[] { "2", "3" }), ("+14155550002", new[] { "2" }) })
        {
            var call = new IvrCaller(cluster[0], TenantNumber, caller);
            await call.DialInAsync();
            foreach (var digit in digits)
            {
                await call.PressAsync(digit);
            }

            await call.StatusAsync("completed");
            await call.StatusAsync("completed"); // SignalWire's retry: counted once
        }

        // One hangs up in the menu; one the block list refuses (SignalWire reports it busy): neither is a missed call.
        var hungUp = new IvrCaller(cluster[1], TenantNumber, "+14155550003");
        await hungUp.DialInAsync();
        await hungUp.StatusAsync("completed");
        await cluster[0].PatchSettingsOkAsync(Tenant, """{ "screening": { "blocked": ["+1900*"] } }""");
        var blocked = new IvrCaller(cluster[0], TenantNumber, "+19005550123");
        await blocked.DialInAsync();
        await blocked.StatusAsync("busy");
        await blocked.StatusAsync("busy");

        var analytics = await cluster[1].GetAnalyticsAsync(Tenant, "groupBy=day");
        var choices = analytics["ivrChoices"]!.AsObject();
        Assert.Equal((2L, 1L), ((long?)choices["2"], (long?)choices["3"]));
        Assert.Equal((4, 3, 0), ((int?)analytics["calls"]!["total"], (int?)analytics["calls"]!["answered"], (int?)analytics["calls"]!["missed"]));

        // How each call ended, as a business owner reads it: two heard the opening hours, one hung up, one was refused.
        var outcomes = analytics["outcomes"]!;
        Assert.Equal((2L, 1L, 1L, 0L, 0L), ((long)outcomes["information"]!, (long)outcomes["abandoned"]!, (long)outcomes["rejected"]!,
            (long)outcomes["voicemail"]!, (long)outcomes["transferred"]!));
        var today = analytics["groups"]!.AsArray().Single(g => (long)g!["calls"]!["total"]! > 0)!;
        Assert.Equal(outcomes.ToJsonString(), today["outcomes"]!.ToJsonString());
    }
}
