using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receptionist.Api.Observability;

namespace Receptionist.Api.Webhooks;

public static class WebhookSetup
{
    public static IServiceCollection AddSignalWireWebhooks(this IServiceCollection services)
    {
        services.AddOptions<SignalWireWebhookOptions>().BindConfiguration(SignalWireWebhookOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignatureValidationFilter>();
        services.AddSingleton<ClusterRetryFilter>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<UnsignedWebhooksWarning>();
        return services;
    }

    /// <summary>
    /// The route group every SignalWire webhook belongs to: anonymous (the signature is the authentication), never
    /// rate limited (SignalWire does not come back for a refused status callback), form bodies only, size-limited and
    /// signature-checked before any handler runs. Other webhook features map their routes on it too.
    /// </summary>
    public static RouteGroupBuilder MapSignalWireWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("SignalWire webhooks").AllowAnonymous().DisableRateLimiting().DisableAntiforgery()
            .ExcludeFromDescription().WithMetadata(WebhookOutcomes.Marker.Instance);
        group.AddEndpointFilter<SignatureValidationFilter>();
        group.AddEndpointFilter<ClusterRetryFilter>();
        return group;
    }

    private sealed class UnsignedWebhooksWarning(IOptions<SignalWireWebhookOptions> options, ILogger<UnsignedWebhooksWarning> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.ValidateSignatures)
            {
                logger.LogWarning("SignalWire:ValidateSignatures is false: webhook signatures are NOT checked and anyone can forge call events. Never run production like this.");
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
