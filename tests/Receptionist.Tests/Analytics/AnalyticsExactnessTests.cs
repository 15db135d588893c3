using System.Diagnostics;
using System.Text.Json.Nodes;
using Receptionist.Grains;
using Receptionist.Grains.Tenancy;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Receptionist.Tests.Analytics;

[Collection(PostgresCollection.Name)]
public sealed class AnalyticsExactnessTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string Tenant = "rollup-co";
    private const string Zone = "America/New_York";
    private static readonly string[] Numbers = ["+15005550201", "+15005550202", "+15005550203"];

    [Fact]
    public async Task Rollups_equal_a_recomputation_from_the_calls_after_shuffled_duplicated_streams_and_a_silo_killed_midway()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "analyticsexact", silos: 3);
        foreach (var number in Numbers)
        {
            await CallLifecycleTests.AssignAsync(cluster[0], Tenant, number);
        }

        await cluster[0].Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(Tenant)).UpdateSettings(new TenantSettings { TimeZone = Zone });

        // Two calls a minute over almost three days, so local midnights (05:00 UTC) split them across days.
        const int calls = 2000;
        var scenarios = Enumerable.Range(0, calls)
            .Select(i => AnalyticsCalls.Create(i, Guid.NewGuid().ToString(), Numbers[i % Numbers.Length], i * 2))
            .ToList();
        var random = new Random(6);
        var deliveries = scenarios.SelectMany(c => c.Webhooks).SelectMany(w => random.Next(3) == 0 ? new[] { w, w } : [w]).ToArray();
        random.Shuffle(deliveries);

        var watch = Stopwatch.StartNew();
        var sent = 0;
        var victim = cluster[2];
        await Parallel.ForEachAsync(deliveries.Select((d, i) => (d, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, _) =>
        {
            if (Interlocked.Increment(ref sent) == deliveries.Length / 2)
            {
                await victim.KillAsync();
                output.WriteLine($"killed silo 2 after {watch.Elapsed}");
            }

            await DeliverAsync(cluster, item.i, item.d.Path, item.d.Form);
        });
        output.WriteLine($"{deliveries.Length} webhooks for {calls} calls delivered in {watch.Elapsed}");

        var live = cluster.Silos.Where(s => s.IsRunning).ToList();
        var recomputed = new Recomputation(TimeZoneInfo.FindSystemTimeZoneById(Zone));
        await Parallel.ForEachAsync(scenarios.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
        {
            var (_, call) = await live[item.i % live.Count].GetCallAsync(Tenant, item.c.CallSid);
            lock (recomputed)
            {
                recomputed.Add(call!);
            }
        });

        Assert.Equal(calls, recomputed.Totals.Total);
        Assert.All(new[] { recomputed.Totals.Answered, recomputed.Totals.Missed, recomputed.Totals.Failed }, n => Assert.True(n > 0));
        var days = recomputed.ByDay.Keys.Order(StringComparer.Ordinal).ToList();
        Assert.True(days.Count >= 3, $"calls span {days.Count} local days");
        var range = $"from={days[0]}&to={days[^1]}";

        var total = await live[0].GetAnalyticsAsync(Tenant, range);
        Assert.Equal(recomputed.Totals.Describe(), Recomputation.Figures.Describe(total));
        Assert.Equal("USD", (string?)total["cost"]!["currency"]);

        var byDay = await live[1].GetAnalyticsAsync(Tenant, range + "&groupBy=day");
        Assert.Equal(
            days.Select(d => $"{d}: {recomputed.ByDay[d].Describe()}"),
            byDay["groups"]!.AsArray().Select(g => $"{(string)g!["key"]!}: {Recomputation.Figures.Describe(g)}"));

        var byNumber = await live[0].GetAnalyticsAsync(Tenant, range + "&groupBy=number");
        Assert.Equal(
            Numbers.Select(n => $"{n}: {recomputed.ByNumber[n].Describe()}"),
            byNumber["groups"]!.AsArray().Select(g => $"{(string)g!["key"]!}: {Recomputation.Figures.Describe(g)}"));
    }

    /// <summary>As SignalWire retries a failed callback: again, to another silo when the one it tried is gone.</summary>
    private static async Task DeliverAsync(TestSiloCluster cluster, int index, string path, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        for (var attempt = 0; ; attempt++)
        {
            var silo = cluster[(index + attempt) % cluster.Silos.Count];
            if (!silo.IsRunning)
            {
                continue;
            }

            try
            {
                await silo.PostAcceptedAsync(path, form);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}
