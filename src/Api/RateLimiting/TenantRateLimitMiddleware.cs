using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Receptionist.Api.Auth;
using Receptionist.Api.Cluster;

namespace Receptionist.Api.RateLimiting;

/// <summary>Spends one of the tenant's permits on each authorized private request; over the limit, 429 with Retry-After.</summary>
public sealed class TenantRateLimitMiddleware(RequestDelegate next, TenantRateLimiter limiter, IServiceProvider services)
{
    private readonly IClusterView? cluster = services.GetService<IClusterView>();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiredPermission>() is null || context.User.FindTenantId() is not { } tenant)
        {
            return next(context);
        }

        return limiter.TryAcquire(tenant, cluster?.ActiveSilos ?? 1) is { } retryAfter ? RejectAsync(context, retryAfter) : next(context);
    }

    private static Task RejectAsync(HttpContext context, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ApiProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, ApiProblems.RateLimited, "Too many requests",
            $"This tenant's request rate limit is exceeded; retry after {seconds} second(s).",
            new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }
}
