using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Receptionist.Grains.Observability;
using Receptionist.Silo.Hosting;

namespace Receptionist.Silo.Observability;

/// <summary>
/// OpenTelemetry for the whole process: our own meter and spans (<see cref="ReceptionistTelemetry"/>) plus what
/// Orleans, ASP.NET Core, Kestrel, HttpClient, Npgsql and the runtime already publish. Metrics are collected when
/// something reads them (Prometheus or OTLP); traces when an OTLP endpoint is configured.
/// </summary>
public static class ObservabilitySetup
{
    private static readonly string[] Meters =
    [
        ReceptionistTelemetry.Name, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics", "System.Net.Http",
        "System.Runtime",
    ];

    private static readonly string[] Sources =
    [
        ReceptionistTelemetry.Name, Orleans.Diagnostics.ActivitySources.AllActivitySourceName, "System.Net.Http",
    ];

    public static ObservabilityOptions AddReceptionistObservability(this WebApplicationBuilder builder)
    {
        var options = StartupOptions.Read<ObservabilityOptions>(builder.Configuration, ObservabilityOptions.SectionName);
        builder.Services.AddSingleton(options);
        builder.Services.TryAddSingleton<ReceptionistTelemetry>();
        if (options.PrometheusPort is { } port)
        {
            builder.WebHost.UseUrls([.. ListeningUrls(builder.Configuration), ManagementUrl(builder.Configuration, port)]);
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("receptionist", serviceInstanceId: Environment.MachineName));
        if (options.PrometheusEnabled || options.OtlpEndpoint is not null)
        {
            otel.WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddNpgsqlInstrumentation();
                if (options.PrometheusEnabled)
                {
                    metrics.AddPrometheusExporter();
                }

                if (options.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter(o => Configure(o, endpoint));
                }
            });
        }

        if (options.OtlpEndpoint is { } traces)
        {
            otel.WithTracing(tracing => tracing
                .AddSource(Sources)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddNpgsql()
                .AddOtlpExporter(o => Configure(o, traces)));
        }

        return options;
    }

    /// <summary>The scraping endpoint, first in the pipeline: no authentication, rate limit or request log applies to it.</summary>
    public static WebApplication UseReceptionistMetricsEndpoint(this WebApplication app, ObservabilityOptions options)
    {
        if (options.PrometheusPath is { Length: > 0 } path)
        {
            var port = options.PrometheusPort;
            app.UseOpenTelemetryPrometheusScrapingEndpoint(http =>
                http.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase) && (port is null || http.Connection.LocalPort == port));
            if (port is not null)
            {
                // The management port serves metrics only: the API stays behind the load balancer.
                app.Use(async (http, next) =>
                {
                    if (http.Connection.LocalPort == port)
                    {
                        http.Response.StatusCode = StatusCodes.Status404NotFound;
                        return;
                    }

                    await next(http);
                });
            }
        }

        return app;
    }

    private static void Configure(OtlpExporterOptions exporter, Uri endpoint)
    {
        exporter.Endpoint = endpoint;
        exporter.Protocol = endpoint.Port == 4318 ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }

    /// <summary>The addresses Kestrel would listen on anyway (<c>urls</c>, or ASP.NET Core's HTTP_PORTS, or its default).</summary>
    private static string[] ListeningUrls(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            return urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (configuration["http_ports"] is { Length: > 0 } ports)
        {
            return [.. ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://+:{p}")];
        }

        return ["http://localhost:5000"];
    }

    /// <summary>The management port on the same host as the first public URL (all interfaces in a container, loopback in tests).</summary>
    private static string ManagementUrl(IConfiguration configuration, int port)
    {
        var first = ListeningUrls(configuration)[0];
        var host = first.Split("://", 2)[^1].Split('/')[0];
        host = host.StartsWith('[') ? host[..(host.IndexOf(']', StringComparison.Ordinal) + 1)] : host.Split(':')[0];
        return $"http://{host}:{port}";
    }
}
