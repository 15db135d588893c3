namespace Receptionist.Silo.Commands;

/// <summary>
/// `health`: asks this host's own silo whether it is ready (<c>GET /health/ready</c>) and exits 0 (ready) or 1 (not
/// ready, or not answering). The container image's health check runs it, since the runtime image carries no curl or
/// wget. It reads the same configuration as the silo to find its port (<c>urls</c>, else ASP.NET Core's HTTP_PORTS).
/// </summary>
public static class HealthCommand
{
    public const string ReadyPath = "/health/ready";

    public static async Task<int> RunAsync(IConfiguration configuration, TextWriter output)
    {
        var url = new Uri(LocalBase(configuration), ReadyPath);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            await output.WriteLineAsync($"{url}: {(int)response.StatusCode} {response.ReasonPhrase}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"{url}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The first HTTP address the silo listens on, with a wildcard host replaced by loopback.</summary>
    public static Uri LocalBase(IConfiguration configuration)
    {
        var first = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (first is null)
        {
            var port = configuration["http_ports"]?.Split(';', StringSplitOptions.RemoveEmptyEntries)[0].Trim() ?? "5000";
            first = $"http://localhost:{port}";
        }

        var wildcard = first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return new Uri(wildcard.TrimEnd('/') + "/");
    }
}
