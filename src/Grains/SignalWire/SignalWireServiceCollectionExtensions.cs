using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Receptionist.Grains.Observability;

namespace Receptionist.Grains.SignalWire;

public static class SignalWireServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SignalWireClient"/> (typed client) with its options from the "SignalWire" section, a
    /// per-attempt timeout, and retries for GETs only: a repeated POST could place a second call, send a second
    /// message or buy a second number.
    /// </summary>
    public static IServiceCollection AddSignalWireClient(this IServiceCollection services)
    {
        services.TryAddSingleton<ReceptionistTelemetry>();
        services.AddOptions<SignalWireOptions>()
            .BindConfiguration(SignalWireOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddHttpClient<SignalWireClient>(SignalWireClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("signalwire", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<SignalWireOptions>>().Value;
                if (settings.MaxRetries > 0)
                {
                    var retry = new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.MaxRetries,
                        Delay = TimeSpan.FromMilliseconds(settings.RetryDelayMilliseconds),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = true,
                    };
                    retry.DisableForUnsafeHttpMethods();
                    pipeline.AddRetry(retry);
                }

                pipeline.AddTimeout(TimeSpan.FromSeconds(settings.TimeoutSeconds));
            });
        return services;
    }
}
