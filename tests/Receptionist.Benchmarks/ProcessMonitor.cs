using System.Globalization;

namespace Receptionist.Benchmarks;

/// <summary>CPU time and peak resident memory of a process, read from /proc (Linux).</summary>
public sealed class ProcessMonitor(int processId)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public TimeSpan CpuTime()
    {
        var fields = File.ReadAllText($"/proc/{processId}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // After the command name: state is field 0, utime 11, stime 12 (fields 14 and 15 of proc(5)).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    public double PeakResidentMegabytes() => StatusKilobytes("VmHWM:") / 1024.0;

    public double ResidentMegabytes() => StatusKilobytes("VmRSS:") / 1024.0;

    /// <summary>The anonymous part of the RSS (heaps, stacks, JIT-ed code), as opposed to mapped files.</summary>
    public double AnonymousResidentMegabytes() => StatusKilobytes("RssAnon:") / 1024.0;

    private long StatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
