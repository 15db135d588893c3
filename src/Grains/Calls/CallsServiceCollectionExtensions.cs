using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Receptionist.Grains.Observability;

namespace Receptionist.Grains.Calls;

public static class CallsServiceCollectionExtensions
{
    /// <summary>The call log: PostgreSQL (needs an <c>NpgsqlDataSource</c> registered) when durable, memory otherwise.</summary>
    public static IServiceCollection AddCallLog(this IServiceCollection services, bool durable)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReceptionistTelemetry>();
        if (durable)
        {
            services.AddSingleton<ICallLog, PostgresCallLog>();
        }
        else
        {
            services.AddSingleton<ICallLog, InMemoryCallLog>();
        }

        return services;
    }
}
