using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Receptionist.Silo;

namespace Receptionist.Tests.Infrastructure;

/// <summary>
/// One instance of the real service (the same <see cref="ReceptionistHost"/> that Program runs) inside the test
/// process, on its own Kestrel port on 127.0.0.1 and its own silo port. Tests reach it over HTTP, and may also reach
/// its grains directly to arrange state that has no HTTP route.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly WebApplication app;
    private bool stopped;

    private TestSilo(WebApplication app, int httpPort)
    {
        this.app = app;
        HttpPort = httpPort;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>In a configuration value, stands for this silo's own base URL (e.g. <c>SignalWire:PublicBaseUrl</c>).</summary>
    public const string SelfUrl = "{self}";

    public int HttpPort { get; }

    public bool IsRunning => !stopped;

    public HttpClient Client { get; }

    public IServiceProvider Services => app.Services;

    public IGrainFactory Grains => app.Services.GetRequiredService<IGrainFactory>();

    /// <param name="mapTestRoutes">Maps test-only routes onto the real app (after its own), before it starts.</param>
    /// <param name="configureBuilder">Adds test observers (a log capture, an in-memory exporter) before the app is built.</param>
    public static async Task<TestSilo> StartAsync(
        IReadOnlyDictionary<string, string?> configuration, Action<WebApplication>? mapTestRoutes = null, Action<WebApplicationBuilder>? configureBuilder = null)
    {
        // A "free" port is only free when it was probed: an outgoing connection of any process may take it before
        // Kestrel or the silo binds. Such a start is retried on new ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnFreePortsAsync(configuration, mapTestRoutes, configureBuilder);
            }
            catch (Exception e) when (attempt < 4 && IsAddressInUse(e))
            {
                await Task.Delay(50 * attempt);
            }
        }
    }

    private static bool IsAddressInUse(Exception? e) =>
        e is not null && ((e is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            || IsAddressInUse(e.InnerException) || (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsAddressInUse)));

    private static async Task<TestSilo> StartOnFreePortsAsync(
        IReadOnlyDictionary<string, string?> configuration, Action<WebApplication>? mapTestRoutes, Action<WebApplicationBuilder>? configureBuilder)
    {
        var port = PostgresServer.FreeTcpPort();
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["Orleans:SiloPort"] = PostgresServer.FreeTcpPort().ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = "0",
            ["Auth:JwtSecret"] = SiloProcess.JwtSecret,
            ["SignalWire:SigningKey"] = SiloProcess.SigningKey,
            // Suites drive one tenant far harder than a real one; RateLimitTests set their own, low limits.
            ["RateLimiting:PermitsPerSecond"] = "100000",
            ["RateLimiting:Burst"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        };
        foreach (var (key, value) in configuration)
        {
            settings[key] = value?.Replace(SelfUrl, $"http://127.0.0.1:{port}", StringComparison.Ordinal);
        }

        var builder = ReceptionistHost.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        configureBuilder?.Invoke(builder);
        var app = await ReceptionistHost.BuildAsync(builder);
        mapTestRoutes?.Invoke(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new TestSilo(app, port);
    }

    /// <summary>Stops the silo gracefully, as SIGTERM does: Orleans deactivates its grains and leaves the membership.</summary>
    public async Task StopAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        await app.StopAsync();
    }

    /// <summary>Stops the silo without a graceful hand-over, as close to a crash as an in-process host allows.</summary>
    public async Task KillAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        try
        {
            await app.StopAsync(cancelled.Token);
        }
        catch (OperationCanceledException)
        {
            // Expected: the stop was asked not to wait for anything.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!stopped)
        {
            stopped = true;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // A slow shutdown must not fail the test that used the silo.
            }
        }

        await app.DisposeAsync();
        Client.Dispose();
    }
}
