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
    /// <summary>The longest each retry waits; together they cover a dead silo's detection (about 10 s).</summary>
    public static readonly IReadOnlyList<TimeSpan> Waits = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(8)];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var version = cluster.Version;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception e) when (attempt < Waits.Count && DependencyFailure.Of(e) == DependencyFailure.Cluster
                                      && !context.HttpContext.RequestAborted.IsCancellationRequested)
            {
                await cluster.WaitForChangeAsync(version, Waits[attempt], context.HttpContext.RequestAborted);
                version = cluster.Version;
                LogRetry(logger, context.HttpContext.Request.Path, attempt + 1, e.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Path} (retry {Retry}) after the silo holding it became unreachable: {Failure}")]
    private static partial void LogRetry(ILogger logger, string path, int retry, string failure);
}
