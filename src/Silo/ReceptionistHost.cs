using Npgsql;
using Receptionist.Api;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.Analytics;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Events;
using Receptionist.Grains.Messaging;
using Receptionist.Grains.Reconciliation;
using Receptionist.Silo.Health;
using Receptionist.Silo.Hosting;
using Receptionist.Silo.Observability;
using Receptionist.Silo.Schema;
using Receptionist.Silo.Storage;

namespace Receptionist.Silo;

/// <summary>
/// Builds the whole service (web front end + silo) from configuration. Program runs it; the tests start several of
/// them in one process on real Kestrel ports, so what they exercise is exactly what operators run.
/// </summary>
public static class ReceptionistHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddSeedEnvironmentAliases();
        builder.Logging.ClearProviders();
        builder.Logging.QuietPerActivationFailures();
        if (Console.IsOutputRedirected)
        {
            builder.Logging.AddJsonConsole(o => { o.IncludeScopes = true; o.UseUtcTimestamp = true; o.TimestampFormat = "O"; });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o => { o.IncludeScopes = true; o.SingleLine = true; });
        }

        return builder;
    }

    /// <summary>Registers everything, builds the app, applies the schema when durable, and maps the routes.</summary>
    public static async Task<WebApplication> BuildAsync(WebApplicationBuilder builder)
    {
        ProductionSafety.Check(builder.Environment, builder.Configuration);
        var hosting = StartupOptions.Read<OrleansHostingOptions>(builder.Configuration, OrleansHostingOptions.SectionName);
        var postgres = PostgresConnection.Read(builder.Configuration);
        var proxies = StartupOptions.Read<ForwardedHeadersSettings>(builder.Configuration, ForwardedHeadersSettings.SectionName);
        var observability = builder.AddReceptionistObservability();
        if (postgres is not null)
        {
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
        }

        var storage = StartupOptions.Read<GrainStorageOptions>(builder.Configuration, GrainStorageOptions.SectionName);
        var webhooks = StartupOptions.Read<WebhookOptions>(builder.Configuration, WebhookOptions.SectionName);
        builder.AddReceptionistSilo(hosting, storage, postgres, webhooks.WakePeriod, propagateTraces: observability.OtlpEndpoint is not null);
        builder.Services.AddCallLog(durable: postgres is not null);
        builder.Services.AddSingleton<ActiveCallReads>();
        builder.Services.AddSingleton<IActiveCallReads>(services => services.GetRequiredService<ActiveCallReads>());
        builder.Services.AddAnalytics(durable: postgres is not null);
        builder.Services.AddMessageLog(durable: postgres is not null);
        builder.Services.AddWebhooks(durable: postgres is not null);
        builder.Services.AddReconciliation(durable: postgres is not null);
        builder.Services.AddReceptionistHealthChecks(durable: postgres is not null);
        builder.Services.AddReceptionistApi();
        builder.Services.AddSignalWireClient();

        var app = builder.Build();
        app.Logger.LogInformation("Garbage collector: {GarbageCollector}", GarbageCollectorSettings.Describe());
        if (postgres is not null)
        {
            await SchemaSetup.ApplyAsync(app.Services.GetRequiredService<NpgsqlDataSource>(), postgres, app.Services.GetRequiredService<ILoggerFactory>());
        }
        else
        {
            app.Logger.LogWarning("{Warning}", EmbeddedStorageHealthCheck.Warning);
        }

        if (proxies.Enabled)
        {
            app.UseForwardedHeaders(proxies.ToOptions());
        }

        app.UseReceptionistMetricsEndpoint(observability);
        app.UseReceptionistApi();
        app.MapReceptionistHealthChecks();
        app.MapReceptionistApi();
        return app;
    }
}
