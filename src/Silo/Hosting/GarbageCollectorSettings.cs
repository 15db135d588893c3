namespace Receptionist.Silo.Hosting;

/// <summary>
/// The garbage collector this process actually runs with (the runtime settings are in the silo's project file, so
/// they reach its runtimeconfig.json; <c>DOTNET_*</c> environment variables override them), logged once at start so an
/// operator reading memory graphs knows which budget they are looking at.
/// </summary>
public static class GarbageCollectorSettings
{
    public static string Describe()
    {
        var settings = GC.GetConfigurationVariables();
        var mode = settings.TryGetValue("ServerGC", out var server) && server is true
            ? $"server ({Read(settings, "HeapCount")} heaps{(Read(settings, "GCDynamicAdaptationMode") == 1 ? ", dynamic adaptation" : "")})"
            : "workstation";
        var concurrent = settings.TryGetValue("ConcurrentGC", out var background) && background is true ? "background" : "blocking";
        return FormattableString.Invariant(
            $"{mode}, {concurrent} gen2 collections, gen0 budget at most {Read(settings, "GCGen0MaxBudget") / 1048576.0:0.#} MB, conserve memory {Read(settings, "GCConserveMem")}");
    }

    private static long Read(IReadOnlyDictionary<string, object> settings, string key) =>
        settings.TryGetValue(key, out var value) ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : 0;
}
