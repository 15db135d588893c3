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

        var analytics = await cluster[1].GetAnalyticsAsync(Tenant, "groupBy=day");
        var choices = analytics["ivrChoices"]!.AsObject();
        Assert.Equal((2L, 1L), ((long?)choices["2"], (long?)choices["3"]));
        Assert.Equal(2, (int?)analytics["calls"]!["total"]);
    }
}
