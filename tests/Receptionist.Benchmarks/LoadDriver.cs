using System.Diagnostics;

namespace Receptionist.Benchmarks;

/// <summary>A step of load: one request (or a short sequence) that a worker sends, timing each through the recorder.</summary>
public delegate Task WorkloadStep(HttpClient client, LatencyRecorder recorder, int worker, CancellationToken cancellationToken);

/// <summary>Runs a workload with a fixed number of concurrent workers for a fixed time and summarizes the phase.</summary>
public static class LoadDriver
{
    public static async Task<PhaseResult> RunAsync(string phase, HttpClient client, int concurrency, TimeSpan duration,
        WorkloadStep step, ProcessMonitor? server = null)
    {
        var recorder = new LatencyRecorder();
        var cpuBefore = server?.CpuTime() ?? TimeSpan.Zero;
        using var stop = new CancellationTokenSource(duration);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await step(client, recorder, worker, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpu = server is null ? (double?)null : (server.CpuTime() - cpuBefore).TotalSeconds / elapsed.TotalSeconds * 100;
        return new PhaseResult(phase, recorder.Summarize(phase, elapsed), cpu, server?.PeakResidentMegabytes());
    }
}

/// <summary>A phase's per-route figures and the server's CPU (percent of one core) and peak memory.</summary>
public sealed record PhaseResult(string Phase, IReadOnlyList<RouteFigures> Routes, double? ServerCpuPercent, double? ServerPeakMegabytes);
