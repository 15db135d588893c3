using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Receptionist.Benchmarks;

/// <summary>
/// The silo's managed heap by type, from <c>dotnet-gcdump</c> (which forces a full GC first), when the tool is
/// installed (<c>dotnet tool install -g dotnet-gcdump</c>): two dumps around a step show what the step's objects retain,
/// type by type, where the RSS delta also counts the GC's free budget and native memory.
/// </summary>
public static partial class HeapDump
{
    public sealed record TypeBytes(string Type, long Bytes, long Count);

    public static async Task<Dictionary<string, TypeBytes>?> TakeAsync(int processId, string directory, string label)
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
        foreach (var line in report.Split('\n'))
        {
            var match = Row().Match(line);
            if (match.Success)
            {
                var type = match.Groups[3].Value.Trim();
                var bytes = long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                var count = long.Parse(match.Groups[2].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
                types[type] = types.TryGetValue(type, out var seen) ? seen with { Bytes = seen.Bytes + bytes, Count = seen.Count + count } : new TypeBytes(type, bytes, count);
            }
        }

        return types;
    }

    /// <summary>Prints the managed bytes retained per unit between two dumps, in total and for the largest types.</summary>
    public static void PrintGrowth(Dictionary<string, TypeBytes> before, Dictionary<string, TypeBytes> after, int units, string unit, int top = 15)
    {
        var growth = after.Values
            .Select(a => (a.Type, Bytes: a.Bytes - (before.TryGetValue(a.Type, out var b) ? b.Bytes : 0), Count: a.Count - (before.TryGetValue(a.Type, out var c) ? c.Count : 0)))
            .Where(g => g.Bytes > 0)
            .OrderByDescending(g => g.Bytes)
            .ToList();
        var total = after.Values.Sum(a => a.Bytes) - before.Values.Sum(b => b.Bytes);
        Console.WriteLine(FormattableString.Invariant($"  managed heap after a full GC (dotnet-gcdump): {total / 1024.0 / units:F1} KB per {unit}; largest types per {unit}:"));
        foreach (var (type, bytes, count) in growth.Take(top))
        {
            Console.WriteLine(FormattableString.Invariant($"    {bytes / (double)units,8:F0} B  {count / (double)units,6:F1} objects  {type}"));
        }
    }

    /// <summary>
    /// What one activation of <paramref name="grainType"/> holds, from one dump: every type with at least one object per
    /// activation (activations of other grains and shared caches add less than that), its bytes divided by the number
    /// of activations. An estimate, not an attribution: a type that only some activations hold (or shared ones that
    /// scale otherwise) may be missed or counted in.
    /// </summary>
    public static void PrintPerActivation(Dictionary<string, TypeBytes> heap, string grainType, int top = 20)
    {
        var activations = heap.Values.Where(t => t.Type.StartsWith(grainType + " ", StringComparison.Ordinal)).Sum(t => t.Count);
        if (activations == 0)
        {
            return;
        }

        var scaling = heap.Values.Where(t => t.Count >= activations).OrderByDescending(t => t.Bytes).ToList();
        Console.WriteLine(FormattableString.Invariant(
            $"  {activations} {grainType} activations on the heap; types with >= 1 object each: {scaling.Sum(t => t.Bytes) / 1024.0 / activations:F1} KB per activation (whole heap {heap.Values.Sum(t => t.Bytes) / 1024.0 / 1024.0:F1} MB):"));
        foreach (var t in scaling.Take(top))
        {
            Console.WriteLine(FormattableString.Invariant($"    {t.Bytes / (double)activations,8:F0} B  {t.Count / (double)activations,6:F1} objects  {t.Type}"));
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
