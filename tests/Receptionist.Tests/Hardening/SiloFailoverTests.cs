using System.Diagnostics;
using System.Net;
using Npgsql;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Hardening;

/// <summary>
/// A silo process is killed (no goodbye) in a cluster of three: the others declare it dead and serve its calls again
/// within 10 s, and the webhooks that reached its calls meanwhile are retried inside the cluster instead of failing.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloFailoverTests(PostgresFixture postgres)
{
    private const int Calls = 30;

    [Fact]
    public async Task A_killed_silos_calls_are_served_again_by_the_others_within_ten_seconds()
    {
        var database = await postgres.CreateDatabaseAsync("silofailover");
        var clusterId = $"silofailover-{Guid.NewGuid():N}";
        var configuration = new Dictionary<string, string> { ["ConnectionStrings:Postgres"] = database, ["Orleans:ClusterId"] = clusterId };
        var silos = new List<SiloProcess>();
        try
        {
            silos.AddRange(Enumerable.Range(0, 3).Select(_ => SiloProcess.Start(configuration)));
            await Task.WhenAll(silos.Select(s => s.WaitUntilReadyAsync()));
            await WaitForActiveSilosAsync(database, clusterId, 3);

            // Random placement spreads the calls over the three silos; about a third live on the one that dies.
            var calls = Enumerable.Range(0, Calls).Select(_ => Guid.NewGuid().ToString()).ToList();
            foreach (var (call, i) in calls.Select((c, i) => (c, i)))
            {
                using var ringing = await silos[i % 3].Client.PostSignedAsync(CallWebhookClient.CallStatusPath, SignedForms.CallStatus(call, "ringing", 0));
                Assert.Equal(HttpStatusCode.NoContent, ringing.StatusCode);
            }

            silos[2].Kill();
            var killed = Stopwatch.StartNew();
            var servedAt = new Dictionary<string, TimeSpan>();
            var failures = new List<string>();
            while (servedAt.Count < Calls && killed.Elapsed < TimeSpan.FromSeconds(30))
            {
                var pending = calls.Where(c => !servedAt.ContainsKey(c)).ToList();
                await Parallel.ForEachAsync(pending.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, cancellation) =>
                {
                    using var response = await silos[item.i % 2].Client.PostSignedAsync(CallWebhookClient.CallStatusPath,
                        SignedForms.CallStatus(item.c, "in-progress", 1));
                    lock (servedAt)
                    {
                        if (response.StatusCode == HttpStatusCode.NoContent)
                        {
                            servedAt[item.c] = killed.Elapsed;
                        }
                        else
                        {
                            failures.Add($"{killed.Elapsed.TotalSeconds:0.0}s {(int)response.StatusCode}");
                        }
                    }
                });
            }

            var slowest = servedAt.Values.DefaultIfEmpty(TimeSpan.MaxValue).Max();
            Assert.True(servedAt.Count == Calls && slowest < TimeSpan.FromSeconds(10),
                $"{servedAt.Count} of {Calls} calls served again, the last after {slowest.TotalSeconds:0.0} s; failures: {string.Join(", ", failures)}");
            Assert.True(failures.Count == 0, $"answered meanwhile: {string.Join(", ", failures)}");
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static async Task WaitForActiveSilosAsync(string database, string clusterId, int expected)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var command = dataSource.CreateCommand("SELECT count(*) FROM orleansmembershiptable WHERE deploymentid = $1 AND status = 3");
            command.Parameters.AddWithValue(clusterId);
            var active = (long)(await command.ExecuteScalarAsync())!;
            if (active == expected)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{active} active silos, expected {expected}");
            await Task.Delay(200);
        }
    }
}
