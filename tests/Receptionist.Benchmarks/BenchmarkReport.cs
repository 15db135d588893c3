using System.Globalization;
using System.Text.Json;

namespace Receptionist.Benchmarks;

/// <summary>Everything one run measured: the service's phases, the ceiling's, and how cost grows with stored data.</summary>
public sealed record BenchmarkReport(string Machine, DateTimeOffset StartedAt, IReadOnlyList<PhaseResult> Service,
    IReadOnlyList<PhaseResult> Ceiling, IReadOnlyList<GrowthFigures> Growth)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public void PrintTable(TextWriter output)
    {
        output.WriteLine($"Receptionist benchmark — {Machine}, {StartedAt:u}");
        output.WriteLine();
        output.WriteLine($"{"phase",-22} {"route",-34} {"req",8} {"req/s",9} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"errors",7} {"ceiling",8}");
        foreach (var phase in Service)
        {
            foreach (var route in phase.Routes)
            {
                var ceiling = Ceiling.FirstOrDefault(c => c.Phase == phase.Phase)?.Routes.FirstOrDefault(r => r.Route == route.Route);
                var ratio = ceiling is { RequestsPerSecond: > 0 } ? (route.RequestsPerSecond / ceiling.RequestsPerSecond).ToString("P0", CultureInfo.InvariantCulture) : "";
                output.WriteLine(FormattableString.Invariant(
                    $"{phase.Phase,-22} {route.Route,-34} {route.Requests,8} {route.RequestsPerSecond,9:F0} {route.P50Ms,8:F2} {route.P90Ms,8:F2} {route.P99Ms,8:F2} {route.Errors,7} {ratio,8}"));
            }

            output.WriteLine(FormattableString.Invariant($"{"",-22} silo CPU {phase.ServerCpuPercent,5:F0}% of one core, peak RSS {phase.ServerPeakMegabytes,6:F0} MB"));
        }

        output.WriteLine();
        output.WriteLine("ceiling: the same load against an empty Kestrel endpoint in its own process");
        foreach (var phase in Ceiling)
        {
            foreach (var route in phase.Routes)
            {
                output.WriteLine(FormattableString.Invariant(
                    $"{phase.Phase,-22} {route.Route,-34} {route.Requests,8} {route.RequestsPerSecond,9:F0} {route.P50Ms,8:F2} {route.P90Ms,8:F2} {route.P99Ms,8:F2} {route.Errors,7}"));
            }
        }

        if (Growth.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("growth: a fresh database and silo; calls stored by whole signed calls, \"seeded\" rows bulk-inserted into");
            output.WriteLine("the call log and analytics ledger only (no grain state, no rollups); KB per active call from RSS (approximate)");
            output.WriteLine($"{"calls stored",12} {"seeded",8} {"webhooks/s",11} {"analytics p50 ms",17} {"RSS MB",8} {"KB per active call",19}");
            foreach (var g in Growth)
            {
                var perCall = g.KilobytesPerActiveCall is { } kb ? FormattableString.Invariant($"{kb:F1} ({g.ActiveCalls} calls)") : "";
                output.WriteLine(FormattableString.Invariant(
                    $"{g.CallsStored,12} {g.SeededCalls,8} {g.WebhooksPerSecond,11:F0} {g.AnalyticsP50Ms,17:F2} {g.ResidentMegabytes,8:F0} {perCall,19}"));
            }
        }
    }

    public async Task WriteJsonAsync(string path)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, JsonOptions);
    }
}

/// <summary>
/// How the cost of the hot paths grows with the number of calls already stored (<paramref name="SeededCalls"/> of them
/// bulk-inserted rows rather than real calls); the memory per active call is measured once, after the last size.
/// </summary>
public sealed record GrowthFigures(int CallsStored, int SeededCalls, double WebhooksPerSecond, double AnalyticsP50Ms, double ResidentMegabytes,
    double? KilobytesPerActiveCall, int ActiveCalls = 0);
