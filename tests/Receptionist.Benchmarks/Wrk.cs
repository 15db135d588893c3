using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Receptionist.Benchmarks;

/// <summary>One wrk run: requests per second and latency percentiles, as the baseline's <c>webhooks.lua</c> prints them.</summary>
public sealed record WrkResult(string Label, int Connections, double RequestsPerSecond, double P50Ms, double P99Ms, long Errors, long Non2xx);

/// <summary>Drives HTTP load with <c>wrk -t2</c>, the baseline's documented method.</summary>
public static partial class Wrk
{
    public static bool IsInstalled => FindOnPath("wrk") is not null;

    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

    /// <summary>Replays a pre-signed webhook stream with the baseline's script.</summary>
    public static Task<WrkResult> ReplayAsync(string label, Uri target, string script, string stream, int connections, TimeSpan duration) =>
        RunAsync(label, connections, ["-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "-s", script, target.ToString().TrimEnd('/'), "--", stream, "2"]);

    /// <summary>One GET over and over (with a script that prints the same RESULT line).</summary>
    public static Task<WrkResult> GetAsync(string label, Uri url, string? bearer, string resultScript, int connections, TimeSpan duration)
    {
        List<string> arguments = ["-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "-s", resultScript];
        if (bearer is not null)
        {
            arguments.AddRange(["-H", $"Authorization: Bearer {bearer}"]);
        }

        arguments.Add(url.ToString());
        return RunAsync(label, connections, arguments);
    }

    /// <summary>A wrk script that only reports, in the webhook script's format.</summary>
    public static async Task<string> WriteResultScriptAsync(string directory)
    {
        var file = Path.Combine(directory, "result.lua");
        await File.WriteAllTextAsync(file, """
            function done(summary, latency, requests)
              io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n", summary.requests / (summary.duration / 1e6),
                latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status))
            end
            """);
        return file;
    }

    private static async Task<WrkResult> RunAsync(string label, int connections, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = ResultLine().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk printed no RESULT line: {output}{error}");
        }

        double Number(string name) => double.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture);
        var result = new WrkResult(label, connections, Number("rps"), Number("p50"), Number("p99"), (long)Number("errors"), (long)Number("non2xx"));
        Console.WriteLine(FormattableString.Invariant(
            $"  {label,-34} c={connections,-4} {result.RequestsPerSecond,8:F0}/s  p50 {result.P50Ms,7:F2} ms  p99 {result.P99Ms,7:F2} ms  errors {result.Errors}  non-2xx {result.Non2xx}  ended {DateTime.UtcNow:HH:mm:ss}"));
        return result;
    }

    [GeneratedRegex(@"RESULT rps=(?<rps>[\d.]+) p50_ms=(?<p50>[\d.]+) p99_ms=(?<p99>[\d.]+) errors=(?<errors>\d+) non2xx=(?<non2xx>\d+)")]
    private static partial Regex ResultLine();
}
