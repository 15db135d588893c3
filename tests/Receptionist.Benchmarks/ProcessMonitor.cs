using System.Globalization;

namespace Receptionist.Benchmarks;

/// <summary>CPU time and peak resident memory of a process, read from /proc (Linux).</summary>
public sealed class ProcessMonitor(int processId)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public TimeSpan CpuTime() => TimeSpan.FromSeconds(Ticks(Stat(processId)!, 11, 12) / TicksPerSecond);

    /// <summary>
    /// The process's CPU time to the nanosecond (<c>/proc/PID/schedstat</c>), where <see cref="CpuTime"/> counts 10 ms
    /// ticks: for short measurements of one process, such as a single database backend.
    /// </summary>
    public TimeSpan RunTime() =>
        TimeSpan.FromTicks(long.Parse(File.ReadAllText($"/proc/{processId}/schedstat").Split(' ')[0], CultureInfo.InvariantCulture) / 100);

    /// <summary>
    /// The CPU time of the process and its children, live and exited (a server's backends: PostgreSQL forks one per
    /// connection, and an exited one's time moves to its parent's cutime/cstime when it is reaped).
    /// </summary>
    public TimeSpan CpuTimeWithChildren()
    {
        var ticks = Ticks(Stat(processId)!, 11, 12, 13, 14);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var child) && child != processId
                && Stat(child) is { } fields && fields[1] == processId.ToString(CultureInfo.InvariantCulture))
            {
                ticks += Ticks(fields, 11, 12);
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    public double PeakResidentMegabytes() => StatusKilobytes("VmHWM:") / 1024.0;

    public double ResidentMegabytes() => StatusKilobytes("VmRSS:") / 1024.0;

    /// <summary>The anonymous part of the RSS (heaps, stacks, JIT-ed code), as opposed to mapped files.</summary>
    public double AnonymousResidentMegabytes() => StatusKilobytes("RssAnon:") / 1024.0;

    /// <summary>
    /// The fields after the command name (state is field 0, ppid 1, utime 11, stime 12, cutime 13, cstime 14: fields 3,
    /// 4, 14-17 of proc(5)); null when the process has gone.
    /// </summary>
    private static string[]? Stat(int id)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{id}/stat");
            return text[(text.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Ticks(string[] fields, params int[] indexes) =>
        indexes.Sum(i => long.Parse(fields[i], CultureInfo.InvariantCulture));

    private long StatusKilobytes(string field)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
