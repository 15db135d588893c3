using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Receptionist.Api.Webhooks;

/// <summary>
/// Retries a webhook whose grain was still registered on a silo that is shutting down (Orleans answers
/// <see cref="SiloUnavailableException"/>, or rejects a message forwarded from a deactivating activation, until the
/// leaving silo has handed its grains over, a fraction of a second).
/// Applying a webhook is idempotent (a repeat is recognised as a duplicate), so running the handler again is safe,
/// and SignalWire gets its 2xx instead of a 5xx from a silo that is healthy.
/// </summary>
public sealed class SiloHandOverRetryFilter(ILogger<SiloHandOverRetryFilter> logger) : IEndpointFilter
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(400)];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception e) when (e is SiloUnavailableException or OrleansMessageRejectionException
                && attempt < Delays.Length && !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                logger.LogInformation("Retrying {Path} after {Delay} ms: {Reason}", context.HttpContext.Request.Path, Delays[attempt].TotalMilliseconds, e.Message);
                await Task.Delay(Delays[attempt], context.HttpContext.RequestAborted);
            }
        }
    }
}
