using System.Globalization;

namespace Receptionist.Benchmarks;

/// <summary>The benchmark modes' numeric options (<c>--name N</c>).</summary>
internal static class CommandLine
{
    public static int IntOption(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
