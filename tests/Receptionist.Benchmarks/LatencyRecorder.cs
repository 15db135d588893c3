using System.Collections.Concurrent;
using System.Diagnostics;

namespace Receptionist.Benchmarks;

/// <summary>Times requests per route; one recorder per measured phase.</summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<string, RouteSamples> routes = new();

    public async Task<HttpResponseMessage?> SendAsync(HttpClient client, string route, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var samples = routes.GetOrAdd(route, _ => new RouteSamples());
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await client.SendAsync(request, cancellationToken);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.IsSuccessStatusCode);
            return response;
        }
        catch (HttpRequestException)
        {
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, success: false);
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds, success: false);
            return null;
        }
    }

    public IReadOnlyList<RouteFigures> Summarize(string phase, TimeSpan elapsed) =>
        routes.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => r.Value.Summarize(phase, r.Key, elapsed)).ToList();

    private sealed class RouteSamples
    {
        private readonly List<double> latencies = [];
        private int errors;

        public void Add(double milliseconds, bool success)
        {
            lock (latencies)
            {
                latencies.Add(milliseconds);
                if (!success)
                {
                    errors++;
                }
            }
        }

        public RouteFigures Summarize(string phase, string route, TimeSpan elapsed)
        {
            lock (latencies)
            {
                var sorted = latencies.Order().ToArray();
                double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
                return new RouteFigures(phase, route, sorted.Length, sorted.Length / elapsed.TotalSeconds,
                    Percentile(0.50), Percentile(0.90), Percentile(0.99), errors);
            }
        }
    }
}

/// <summary>One route's figures in one phase.</summary>
public sealed record RouteFigures(string Phase, string Route, int Requests, double RequestsPerSecond, double P50Ms, double P90Ms, double P99Ms, int Errors);
