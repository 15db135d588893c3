using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Receptionist.Api.Auth;
using Receptionist.Api.Cluster;

namespace Receptionist.Api.RateLimiting;

/// <summary>
/// A per-tenant token bucket on routes carrying <see cref="RequiredPermission"/> (i.e. declared with
/// <c>RequirePermission</c>). Anonymous routes (webhooks, health, docs) are never limited, so SignalWire is never
/// refused and no event is lost.
/// <para>
/// The limit is the tenant's across the cluster: each silo enforces its share, the configured rate and burst divided
/// by the number of active silos (<see cref="IClusterView"/>), so N silos behind a balancer give the limit, not N
/// times it. The hot path stays a local, lock-free token bucket (<see cref="TenantRateLimiter"/>: no grain call, no
/// network) because live status reads must run at nearly the speed of a health check; the price is that a tenant whose
/// requests all land on one silo gets that silo's share only (stricter, never looser).
/// </para>
/// </summary>
public static class TenantRateLimiting
{
    public static IServiceCollection AddTenantRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<TenantRateLimitOptions>().BindConfiguration(TenantRateLimitOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TenantRateLimiter>();
        return services;
    }

    /// <summary>Runs after authentication and authorization: only authorized requests spend a tenant's permits.</summary>
    public static WebApplication UseTenantRateLimiting(this WebApplication app)
    {
        app.UseMiddleware<TenantRateLimitMiddleware>();
        return app;
    }
}
