using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Receptionist.Benchmarks;

/// <summary>
/// The silo's managed heap, from <c>dotnet-gcdump</c> (which forces a full GC first), when the tool is installed
/// (<c>dotnet tool install -g dotnet-gcdump</c>): two dumps around a step show what the step's objects retain, where
/// the RSS delta also counts the GC's free budget and native memory. The heap's total is exact; per type, a large heap
/// is sampled (counts are scaled up, byte sizes are not), so only the objects' counts are shown per type.
/// </summary>
public static partial class HeapDump
{
    public sealed record TypeBytes(string Type, long Bytes, long Count);

    public sealed record Heap(long TotalBytes, Dictionary<string, TypeBytes> Types)
    {
        public long CountOf(string type) => Types.Values.Where(t => t.Type.StartsWith(type + " ", StringComparison.Ordinal)).Sum(t => t.Count);
    }

    public static async Task<Heap?> TakeAsync(int processId, string directory, string label)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        if (!File.Exists(tool))
        {
            return null;
        }

        var file = Path.Combine(directory, $"{label}.gcdump");
        if (await RunAsync(tool, ["collect", "-p", processId.ToString(CultureInfo.InvariantCulture), "-o", file]) is null || !File.Exists(file))
        {
            return null;
        }

        var report = await RunAsync(tool, ["report", file]);
        if (report is null)
        {
            return null;
        }

        var types = new Dictionary<string, TypeBytes>();
        var total = 0L;
        foreach (var line in report.Split('\n'))
        {
            if (line.TrimEnd().EndsWith("GC Heap bytes", StringComparison.Ordinal))
            {
                total = long.Parse(line.Trim().Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                continue;
            }

            var match = Row().Match(line);
            if (match.Success)
            {
                var type = match.Groups[3].Value.Trim();
                var bytes = long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                var count = long.Parse(match.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                types[type] = types.TryGetValue(type, out var seen) ? seen with { Bytes = seen.Bytes + bytes, Count = seen.Count + count } : new TypeBytes(type, bytes, count);
            }
        }

        return new Heap(total, types);
    }

    /// <summary>
    /// Prints the managed bytes the heap grew by per new activation of <paramref name="grainType"/> between two dumps,
    /// and what each new activation added, in objects per type (the types with at least one object each).
    /// </summary>
    public static void PrintGrowth(Heap before, Heap after, string grainType, int top = 30)
    {
        var activations = after.CountOf(grainType) - before.CountOf(grainType);
        if (activations <= 0)
        {
            Console.WriteLine($"  managed heap (dotnet-gcdump): no new {grainType} activations between the dumps");
            return;
        }

        Console.WriteLine(FormattableString.Invariant(
            $"  managed heap after a full GC (dotnet-gcdump): {before.TotalBytes / 1048576.0:F1} MB -> {after.TotalBytes / 1048576.0:F1} MB, {(after.TotalBytes - before.TotalBytes) / 1024.0 / activations:F1} KB per new activation ({activations} new {grainType}); objects per new activation:"));
        var growth = after.Types.Values
            .Select(a => (a.Type, Count: a.Count - (before.Types.TryGetValue(a.Type, out var b) ? b.Count : 0)))
            .Where(g => g.Count >= activations * 0.95)
            .OrderByDescending(g => g.Count)
            .Take(top);
        foreach (var (type, count) in growth)
        {
            Console.WriteLine(FormattableString.Invariant($"    {count / (double)activations,6:F1}  {type}"));
        }
    }

    private static async Task<string?> RunAsync(string tool, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start);
        if (process is null)
        {
            return null;
        }

        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : null;
    }

    /// <summary>A report row: object bytes, count, type (with its assembly).</summary>
    [GeneratedRegex(@"^\s*([\d,]+)\s+([\d,]+)\s+(\S.*)$")]
    private static partial Regex Row();
}
