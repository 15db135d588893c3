namespace Receptionist.Benchmarks;

/// <summary>Command-line choices: full run (minutes) or `--smoke` (seconds), and where to write JSON.</summary>
public sealed record BenchmarkSettings(bool Smoke, string? JsonPath, int Concurrency, TimeSpan PhaseDuration, int Silos)
{
    public static BenchmarkSettings Parse(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var jsonIndex = Array.IndexOf(args, "--json");
        var json = jsonIndex >= 0 && jsonIndex + 1 < args.Length ? args[jsonIndex + 1] : null;
        var silosIndex = Array.IndexOf(args, "--silos");
        var silos = silosIndex >= 0 && silosIndex + 1 < args.Length ? int.Parse(args[silosIndex + 1], System.Globalization.CultureInfo.InvariantCulture) : 1;
        return new BenchmarkSettings(smoke, json, Concurrency: 64, PhaseDuration: TimeSpan.FromSeconds(smoke ? 2 : 15), silos);
    }
}
