using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Receptionist.Grains.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Calls;

/// <summary>
/// A live status read served by the silo that hosts the call (from what the call's grain published there) is the same as
/// one its grain answers, on every silo, also after the call's grain has gone and come back on another silo.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ActiveCallReadsTests(PostgresFixture postgres)
{
    private const string Tenant = "acme";
    private const string TenantNumber = "+15005550160";

    [Fact]
    public async Task Reads_through_every_silo_follow_calls_whose_grains_moved_and_a_silo_keeps_only_the_calls_it_hosts()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "activereads", silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        var calls = Enumerable.Range(0, 12).Select(i => CallScenario.Create(4 * i + 2, Guid.NewGuid().ToString(), TenantNumber, i)).ToList();
        foreach (var call in calls)
        {
            await cluster[0].PostAcceptedAsync(call.Webhooks[0].Path, call.Webhooks[0].Form);
            await AssertReadsAsync(cluster, call.CallSid, "ringing");
        }

        // Each call is kept by the silo hosting its grain, and only there.
        Assert.All(calls, call => Assert.Single(cluster.Silos, silo => Reads(silo).Find(call.CallSid) is not null));

        // Every grain goes (what it published goes with it), then comes back where placement now puts it.
        await cluster[0].Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.All(calls, call => Assert.All(cluster.Silos, silo => Assert.Null(Reads(silo).Find(call.CallSid))));
        foreach (var call in calls)
        {
            await cluster[1].PostAcceptedAsync(call.Webhooks[1].Path, call.Webhooks[1].Form);
        }

        foreach (var call in calls)
        {
            await AssertReadsAsync(cluster, call.CallSid, "ringing", "busy");
        }
    }

    private static IActiveCallReads Reads(TestSilo silo) => silo.Services.GetRequiredService<IActiveCallReads>();

    private static async Task AssertReadsAsync(TestSiloCluster cluster, string callSid, params string[] statuses)
    {
        foreach (var silo in cluster.Silos)
        {
            var (status, call) = await silo.GetCallAsync(Tenant, callSid);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(statuses[^1], (string?)call!["status"]);
            Assert.Equal(statuses, call["events"]!.AsArray().Select(e => (string)e!["status"]!).ToArray());
        }
    }
}
