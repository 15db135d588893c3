using Orleans.TestingHost;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Infrastructure.Cluster;

namespace Receptionist.Tests.Foundation;

[Collection(PostgresCollection.Name)]
public sealed class ClusterFailoverTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Grain_state_survives_killing_its_silo_and_the_grain_reactivates_on_another()
    {
        var cluster = await AdoNetTestCluster.StartAsync(await postgres.CreateDatabaseAsync("failover"), "failover", silos: 3);
        try
        {
            // Any silo but the first may die: the test keeps one silo it never kills, so the client always has a gateway.
            var (grain, host) = await FirstGrainHostedAwayFromFirstSiloAsync(cluster);
            Assert.Equal(1, await grain.Increment());
            Assert.Equal(2, await grain.Increment());

            var victim = cluster.Silos.Single(s => s.SiloAddress.ToString() == host);
            await cluster.KillSiloAsync(victim);
            await cluster.WaitForLivenessToStabilizeAsync(didKill: true);

            Assert.Equal(3, await grain.Increment());
            var newHost = await grain.Host();
            Assert.NotEqual(host, newHost);
            Assert.Contains(cluster.GetActiveSilos(), s => s.SiloAddress.ToString() == newHost);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<(IProbeGrain Grain, string Host)> FirstGrainHostedAwayFromFirstSiloAsync(TestCluster cluster)
    {
        var first = cluster.Silos[0].SiloAddress.ToString();
        for (var i = 0; ; i++)
        {
            var grain = cluster.Client.GetGrain<IProbeGrain>($"probe/{i}");
            var host = await grain.Host();
            if (host != first)
            {
                return (grain, host);
            }
        }
    }
}
