using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Receptionist.Api.Cluster;
using Receptionist.Api.Problems;

namespace Receptionist.Api.Webhooks;

/// <summary>
/// Runs an idempotent webhook a second time when its first run failed because the silo holding the call or message
/// became unreachable. The retry waits (at most <see cref="MaxWait"/>) until the cluster has noticed, i.e. declared
/// that silo dead, so it reaches the grain's new activation instead of the dead one; a second failure is answered
/// 503 and SignalWire retries later. Only for routes whose handlers are idempotent: the first run may have been
/// applied (and persisted) just before the silo died.
/// </summary>
public sealed partial class ClusterRetryFilter(IClusterView cluster, ILogger<ClusterRetryFilter> logger) : IEndpointFilter
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(8);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var version = cluster.Version;
        try
        {
            return await next(context);
        }
        catch (Exception e) when (DependencyFailure.Of(e) == DependencyFailure.Cluster && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            await cluster.WaitForChangeAsync(version, MaxWait, context.HttpContext.RequestAborted);
            LogRetry(logger, context.HttpContext.Request.Path, e.GetType().Name);
            return await next(context);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retrying {Path} once after the cluster changed: {Failure}")]
    private static partial void LogRetry(ILogger logger, string path, string failure);
}
