using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Operations;

/// <summary>
/// One in-memory silo configured as an operator would for observability: Prometheus scraping on a management port,
/// requests logged at Information, Orleans' watchdog at Warning, and 127.0.0.1 trusted as a reverse proxy. Every line
/// it logs from its first moment on is kept in <see cref="Logs"/>.
/// </summary>
public sealed class OperationsSiloFixture : IAsyncLifetime
{
    public const string MetricsPath = "/metrics";

    private TestSilo? silo;

    public TestSilo Silo => silo ?? throw new InvalidOperationException("not started");

    public LogCapture Logs { get; } = new();

    public int MetricsPort { get; } = PostgresServer.FreeTcpPort();

    public async Task InitializeAsync()
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Observability:PrometheusPath"] = MetricsPath,
            ["Observability:PrometheusPort"] = MetricsPort.ToString(CultureInfo.InvariantCulture),
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
            ["Logging:LogLevel:Receptionist.Api.Observability"] = "Information",
            ["Logging:LogLevel:Orleans.Runtime.Watchdog"] = "Warning",
        };
        silo = await TestSilo.StartAsync(configuration, configureBuilder: builder =>
        {
            builder.Logging.AddProvider(Logs);

            // This silo's meter provider listens to meters by name, so it sees the instruments of every host the test
            // process starts, and those of stopped hosts still count towards its stream limit (1,000 by default).
            // Past it, instruments created later are dropped from the scrape; a production process hosts one silo.
            builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.SetMaxMetricStreams(100_000));
        });
    }

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }
    }
}
