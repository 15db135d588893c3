using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Receptionist.Grains.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>The message log: PostgreSQL (needs an <c>NpgsqlDataSource</c> registered) when durable, memory otherwise.</summary>
    public static IServiceCollection AddMessageLog(this IServiceCollection services, bool durable)
    {
        services.TryAddSingleton(TimeProvider.System);
        if (durable)
        {
            services.AddSingleton<IMessageLog, PostgresMessageLog>();
        }
        else
        {
            services.AddSingleton<IMessageLog, InMemoryMessageLog>();
        }

        return services;
    }
}
