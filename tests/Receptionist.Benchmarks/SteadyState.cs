using System.Globalization;

namespace Receptionist.Benchmarks;

/// <summary>
/// Warm-up until the silo's JIT has settled. A fresh silo compiles for its first half-minute or more under load: every
/// hot method is compiled again, optimised, by the runtime's tier-up worker, which on this 2-core machine took ~70 % of
/// the silo's CPU during the first 25 s of the old 5-second-warm-up runs (dotnet-counters' dotnet.jit.compilation.time),
/// so the first measured phase (32 connections) measured the compiler. A round drives every kind of request the run
/// measures; rounds repeat until two in a row leave the tier-up worker almost idle, or the maximum is reached.
/// </summary>
public static class SteadyState
{
    /// <summary>.NET's tier-up thread, ".NET Tiered Compilation Worker", as Linux keeps it (15 characters).</summary>
    private const string TierUpThread = ".NET Tiered Com";

    /// <summary>Below this share of a round's wall time, the tier-up worker counts as idle.</summary>
    private const double IdleShare = 0.02;

    public sealed record WarmUp(int Rounds, TimeSpan Duration, bool Settled);

    public static async Task<WarmUp> WarmUpAsync(int processId, Func<int, Task> round, int maximumRounds)
    {
        var started = DateTime.UtcNow;
        var quietInARow = 0;
        for (var index = 1; index <= maximumRounds; index++)
        {
            var before = TierUpCpu(processId);
            var roundStarted = DateTime.UtcNow;
            await round(index);
            var wall = DateTime.UtcNow - roundStarted;
            var compiling = Spent(before, TierUpCpu(processId));
            Console.WriteLine(FormattableString.Invariant(
                $"  warm-up round {index}: the JIT's tier-up worker used {compiling.TotalSeconds:F2} s of CPU in {wall.TotalSeconds:F1} s"));
            quietInARow = compiling < wall * IdleShare ? quietInARow + 1 : 0;
            if (quietInARow == 2)
            {
                return new WarmUp(index, DateTime.UtcNow - started, Settled: true);
            }
        }

        return new WarmUp(maximumRounds, DateTime.UtcNow - started, Settled: false);
    }

    /// <summary>
    /// CPU time per tier-up thread. The runtime ends the worker after a few idle seconds and starts a new one when
    /// methods are due again, so threads are compared one by one (a new one counts from zero; one that ended during the
    /// round is lost, which only under-counts a round that ended quiet).
    /// </summary>
    private static Dictionary<string, TimeSpan> TierUpCpu(int processId)
    {
        var threads = new Dictionary<string, TimeSpan>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') != TierUpThread)
                {
                    continue;
                }

                var fields = File.ReadAllText(Path.Combine(task, "stat")).Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                threads[Path.GetFileName(task)] = TimeSpan.FromSeconds(ticks / 100.0);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return threads;
    }

    private static TimeSpan Spent(Dictionary<string, TimeSpan> before, Dictionary<string, TimeSpan> after) =>
        after.Aggregate(TimeSpan.Zero, (sum, thread) => sum + thread.Value - before.GetValueOrDefault(thread.Key));
}
