using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Receptionist.Grains.Calls;

namespace Receptionist.Grains.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Tenant events and their webhook delivery: the outbox (PostgreSQL, which needs an <c>NpgsqlDataSource</c>, when
    /// durable; memory otherwise), <see cref="EventOutbox"/> for grains that emit events, and the sender's HTTP client.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, bool durable)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (durable)
        {
            services.AddSingleton<IWebhookOutbox, PostgresWebhookOutbox>();
        }
        else
        {
            services.AddSingleton<IWebhookOutbox, InMemoryWebhookOutbox>();
        }

        services.AddSingleton<IWebhookDeliveryLog>(sp => sp.GetRequiredService<IWebhookOutbox>());
        services.AddSingleton<EventOutbox>();
        services.AddSingleton<ICallCommitCompanions, CallEvents>();
        services.AddSingleton<WebhookSender>();
        services.AddHttpClient(WebhookSender.HttpClientName, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("Receptionist-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                ConnectCallback = PublicAddressGuard.ConnectCallback(services.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowLoopbackHttp),
                AllowAutoRedirect = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                MaxResponseHeadersLength = 16,
            });
        return services;
    }
}
