using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Receptionist.Api.Auth;
using Receptionist.Api.Cluster;

namespace Receptionist.Api.RateLimiting;

/// <summary>
/// One global limiter, partitioned by the token's tenant, that limits only routes carrying
/// <see cref="RequiredPermission"/> (i.e. declared with <c>RequirePermission</c>). Anonymous routes (webhooks,
/// health, docs) fall in the no-limit partition, so SignalWire is never refused and no event is lost.
/// <para>
/// The limit is the tenant's across the cluster: each silo enforces its share, the configured rate and burst divided
/// by the number of active silos (<see cref="IClusterView"/>), so N silos behind a balancer give the limit, not N
/// times it. The hot path stays a local token bucket (no grain call, no network) because live status reads must run
/// at nearly the speed of a health check; the price is that a tenant whose requests all land on one silo gets that
/// silo's share only (stricter, never looser). A change in membership starts fresh buckets at the new share.
/// </para>
/// </summary>
public static class TenantRateLimiting
{
    private static readonly (string Tenant, int Silos) Unlimited = ("", 0);

    public static IServiceCollection AddTenantRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<TenantRateLimitOptions>().BindConfiguration(TenantRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<TenantRateLimitOptions>>((limiter, limits) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, (string, int)>(context => Partition(context, limits.Value));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>Runs after authentication and authorization: only authorized requests spend a tenant's permits.</summary>
    public static WebApplication UseTenantRateLimiting(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    private static RateLimitPartition<(string, int)> Partition(HttpContext context, TenantRateLimitOptions limits)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiredPermission>() is null || context.User.FindTenantId() is not { } tenant)
        {
            return RateLimitPartition.GetNoLimiter(Unlimited);
        }

        var silos = Math.Max(1, context.RequestServices.GetService<IClusterView>()?.ActiveSilos ?? 1);
        return RateLimitPartition.GetTokenBucketLimiter((tenant, silos), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Share(limits.Burst, silos),
            TokensPerPeriod = Share(limits.PermitsPerSecond, silos),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static int Share(int limit, int silos) => Math.Max(1, limit / silos);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, ApiProblems.RateLimited, "Too many requests",
            $"This tenant's request rate limit is exceeded; retry after {seconds} second(s).",
            new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }
}
