using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Infrastructure.Cluster;

namespace Receptionist.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class GroupCommitSiloKillTests(PostgresFixture postgres)
{
    private const int Grains = 60;

    [Fact]
    public async Task Killing_a_silo_while_its_group_commits_are_in_flight_loses_no_acknowledged_write()
    {
        var cluster = await AdoNetTestCluster.StartAsync(await postgres.CreateDatabaseAsync("gckill"), "gckill", silos: 3);
        try
        {
            var grains = Enumerable.Range(0, Grains).Select(i => cluster.Client.GetGrain<IProbeGrain>($"gckill/{i}")).ToArray();
            var hosts = await Task.WhenAll(grains.Select(g => g.Host()));

            // The first silo is the client's gateway and stays; the victim is the other silo hosting most grains.
            var victimAddress = hosts.Where(h => h != cluster.Silos[0].SiloAddress.ToString())
                .GroupBy(h => h).OrderByDescending(g => g.Count()).First().Key;
            var onVictim = Enumerable.Range(0, Grains).Where(i => hosts[i] == victimAddress).ToArray();

            // Every grain counts up as fast as its writes are acknowledged; acked[i] is the last acknowledged count.
            var acked = new int[Grains];
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, Grains).Select(i => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        Volatile.Write(ref acked[i], await grains[i].Increment());
                    }
                    catch (Exception)
                    {
                        return; // the write in flight when its silo died: unacknowledged, so either outcome is allowed
                    }
                }
            })).ToArray();

            await WaitUntilAsync(() => onVictim.All(i => Volatile.Read(ref acked[i]) >= 5));
            await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.ToString() == victimAddress));
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            await cluster.WaitForLivenessToStabilizeAsync(didKill: true);

            var stored = await Task.WhenAll(grains.Select(g => g.Count()));
            Assert.All(Enumerable.Range(0, Grains), i => Assert.InRange(stored[i], acked[i], acked[i] + 1));
            Assert.NotEqual(victimAddress, await grains[onVictim[0]].Host());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the grains did not get going");
            await Task.Delay(20);
        }
    }
}
