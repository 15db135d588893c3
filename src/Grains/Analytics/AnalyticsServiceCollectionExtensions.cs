using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Receptionist.Grains.Observability;

namespace Receptionist.Grains.Analytics;

public static class AnalyticsServiceCollectionExtensions
{
    /// <summary>Analytics storage: PostgreSQL (needs an <c>NpgsqlDataSource</c> registered) when durable, memory otherwise.</summary>
    public static IServiceCollection AddAnalytics(this IServiceCollection services, bool durable)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReceptionistTelemetry>();
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (durable)
        {
            services.AddSingleton<PostgresAnalyticsStore>();
            services.AddSingleton<IAnalyticsStore>(sp => sp.GetRequiredService<PostgresAnalyticsStore>());
            services.AddHostedService<AppendedContributionsFolder>();
            services.AddSingleton<ILogFigures, PostgresLogFigures>();
        }
        else
        {
            services.AddSingleton<IAnalyticsStore, InMemoryAnalyticsStore>();
            services.AddSingleton<ILogFigures, ScannedLogFigures>();
        }

        return services;
    }
}
