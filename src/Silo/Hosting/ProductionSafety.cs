namespace Receptionist.Silo.Hosting;

/// <summary>
/// Refuses to start outside Development with settings that are only safe on a developer's machine: the secrets
/// committed in <c>appsettings.Development.json</c> (anyone with the repository could mint tokens or sign webhooks),
/// or webhook signatures switched off (anyone could forge call events).
/// </summary>
public static class ProductionSafety
{
    public const string DevelopmentSettingsFile = "appsettings.Development.json";

    private static readonly string[] CommittedSecretKeys = ["Auth:JwtSecret", "SignalWire:SigningKey"];

    public static void Check(IHostEnvironment environment, IConfiguration configuration)
    {
        if (environment.IsDevelopment())
        {
            return;
        }

        if (!configuration.GetValue("SignalWire:ValidateSignatures", true))
        {
            throw new StartupException(
                $"SignalWire:ValidateSignatures=false is refused in the {environment.EnvironmentName} environment (anyone could forge webhooks); it is for Development only.");
        }

        var committed = CommittedSecrets(environment);
        foreach (var key in CommittedSecretKeys)
        {
            var value = configuration[key];
            if (!string.IsNullOrEmpty(value) && committed.TryGetValue(key, out var known) && string.Equals(value, known, StringComparison.Ordinal))
            {
                throw new StartupException(
                    $"{key} is the development value committed in {DevelopmentSettingsFile}; set a secret of your own for the {environment.EnvironmentName} environment.");
            }
        }
    }

    /// <summary>The secrets of the development settings file shipped beside the app (publish copies it too).</summary>
    private static Dictionary<string, string> CommittedSecrets(IHostEnvironment environment)
    {
        var file = new[] { environment.ContentRootPath, AppContext.BaseDirectory }
            .Select(directory => Path.Combine(directory, DevelopmentSettingsFile))
            .FirstOrDefault(File.Exists);
        if (file is null)
        {
            return [];
        }

        var development = new ConfigurationBuilder().AddJsonFile(file, optional: true).Build();
        return CommittedSecretKeys
            .Where(key => !string.IsNullOrEmpty(development[key]))
            .ToDictionary(key => key, key => development[key]!);
    }
}
