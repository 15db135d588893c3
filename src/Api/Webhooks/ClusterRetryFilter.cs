using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Receptionist.Api.Cluster;
using Receptionist.Api.Problems;

namespace Receptionist.Api.Webhooks;

/// <summary>
/// Runs an idempotent webhook again when a run failed because the silo holding the call or message was unreachable:
/// one that is leaving (Orleans answers <c>SiloUnavailableException</c> until it has handed its grains over, a fraction
/// of a second) or one that died (until the cluster declares it dead). Each retry waits for the cluster's membership to
/// change or for a growing pause, whichever comes first, so it reaches the grain's new activation; when the retries
/// are spent the failure is answered 503 and SignalWire retries later. Only for routes whose handlers are idempotent:
/// an earlier run may have been applied (and persisted) just before the silo went.
/// </summary>
public sealed partial class ClusterRetryFilter(IClusterView cluster, ILogger<ClusterRetryFilter> logger) : IEndpointFilter
{
    /// <summary>How long a webhook keeps being retried: a dead silo's detection takes about 10 s.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest each retry waits, the last repeated. Retries are bounded by <see cref="Budget"/>, not by a count:
    /// one silo's death changes membership several times (suspicion, the verdict), and a count would be spent on
    /// those changes before the survivors have taken the silo's grains over.
    /// </summary>
    private static readonly TimeSpan[] Pauses = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var version = cluster.Version;
        var started = TimeProvider.System.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception e) when (DependencyFailure.Of(e) == DependencyFailure.Cluster
                                      && TimeProvider.System.GetElapsedTime(started) is var elapsed && elapsed < Budget
                                      && !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                var pause = Pauses[Math.Min(attempt, Pauses.Length - 1)];
                await cluster.WaitForChangeAsync(version, pause < Budget - elapsed ? pause : Budget - elapsed, context.HttpContext.RequestAborted);
                version = cluster.Version;
                LogRetry(logger, context.HttpContext.Request.Path, attempt + 1, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Path} (retry {Retry}) after the silo holding it became unreachable: {Failure}")]
    private static partial void LogRetry(ILogger logger, string path, int retry, string failure);
}
