using System.Diagnostics;
using System.Globalization;
using Receptionist.Grains;
using Receptionist.Grains.Analytics;
using Receptionist.Grains.Tenancy;
using Receptionist.Silo;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Benchmarks;

/// <summary>
/// `--analytics-rollup [--smoke]`: how many call contributions per second one hot tenant folds. Starts PostgreSQL and
/// one real silo in this process, then has many concurrent senders hand distinct calls' contributions to the silo's
/// collector (as call grains do when calls end), each waiting until its contribution is durable, as a webhook would.
/// A second phase re-sends contributions already counted (what duplicates after a reactivation cost).
/// </summary>
public static class AnalyticsRollupBenchmark
{
    private const string Tenant = "hot-tenant";

    public static async Task RunAsync(bool smoke)
    {
        var duration = TimeSpan.FromSeconds(smoke ? 2 : 15);
        const int senders = 256;
        Console.WriteLine("starting PostgreSQL and a silo...");
        await using var postgres = await PostgresServer.StartAsync();
        var builder = ReceptionistHost.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{PostgresServer.FreeTcpPort()}",
            ["ConnectionStrings:Postgres"] = await postgres.CreateDatabaseAsync("analytics-benchmark"),
            ["Orleans:ClusterId"] = "analytics-benchmark",
            ["Orleans:SiloPort"] = PostgresServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = "0",
            ["Auth:JwtSecret"] = SiloProcess.JwtSecret,
            ["SignalWire:SigningKey"] = SiloProcess.SigningKey,
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await using var app = await ReceptionistHost.BuildAsync(builder);
        await app.StartAsync();
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var collector = grains.GetGrain<IAnalyticsCollectorGrain>(0);

        var folded = await PhaseAsync("new calls", senders, duration, i => collector.Contribute(Contribution(i)));
        await PhaseAsync("re-sent (already counted)", senders, duration, i => collector.Contribute(Contribution(i % folded)));

        var report = await grains.GetGrain<ITenantAnalyticsGrain>(GrainKeys.Tenant(Tenant)).GetAnalytics(new AnalyticsQuery(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), AnalyticsGrouping.None));
        Console.WriteLine($"rollups hold {report.Totals.Counts.CallsTotal} calls (expected {folded})");
        await app.StopAsync();
    }

    private static async Task<long> PhaseAsync(string name, int senders, TimeSpan duration, Func<long, Task> send)
    {
        long next = -1, done = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                await send(Interlocked.Increment(ref next));
                Interlocked.Increment(ref done);
            }
        }));
        Console.WriteLine($"{name,-28} {done,9} contributions in {watch.Elapsed.TotalSeconds:0.0} s = {done / watch.Elapsed.TotalSeconds,9:0} contributions/s folded for one tenant ({senders} concurrent senders)");
        return done;
    }

    private static AnalyticsContribution Contribution(long i) => new()
    {
        Kind = ContributionKind.Call,
        Sid = $"bench-{i}",
        TenantId = Tenant,
        Version = 4,
        OccurredAt = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero).AddSeconds(i % (20 * 86400)),
        PhoneNumber = $"+1646555{i % 8:0000}",
        Counts = i % 3 == 0
            ? new AnalyticsCounts { CallsTotal = 1, CallsMissed = 1, CallsInbound = 1 }
            : new AnalyticsCounts { CallsTotal = 1, CallsAnswered = 1, CallsInbound = 1, TalkSeconds = 40 },
        Cost = 0.0085m,
        Currency = "USD",
    };
}
