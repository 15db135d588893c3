using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Receptionist.Silo.Hosting;

/// <summary>
/// Accepts the environment variable names of the Node.js service this replaces, so its deployments switch without
/// edits. They rank just below the regular environment variables, so `SignalWire__Token` wins over `SIGNALWIRE_TOKEN`.
/// </summary>
public static class SeedEnvironmentAliases
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>
    {
        ["SIGNALWIRE_PROJECT_ID"] = "SignalWire:ProjectId",
        ["SIGNALWIRE_TOKEN"] = "SignalWire:Token",
        ["SIGNALWIRE_SPACE_URL"] = "SignalWire:SpaceUrl",
        ["SIGNALWIRE_WEBHOOK_SECRET"] = "SignalWire:SigningKey",
        ["API_BASE_URL"] = "SignalWire:PublicBaseUrl",
    };

    public static void AddSeedEnvironmentAliases(this IConfigurationManager configuration)
    {
        var values = Map
            .Select(alias => (alias.Value, Environment.GetEnvironmentVariable(alias.Key)))
            .Where(pair => !string.IsNullOrEmpty(pair.Item2))
            .ToDictionary(pair => pair.Value, pair => pair.Item2);
        if (values.Count == 0)
        {
            return;
        }

        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = values };
        var sources = configuration.Sources;
        var environment = sources.Select((s, i) => (s, i)).FirstOrDefault(p => p.s is EnvironmentVariablesConfigurationSource);
        sources.Insert(environment.s is null ? 0 : environment.i, source);
    }
}
