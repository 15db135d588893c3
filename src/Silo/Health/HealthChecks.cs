using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Receptionist.Api.Auth;

namespace Receptionist.Silo.Health;

/// <summary>Liveness (the process answers) and readiness (storage reachable, silo active) for load balancers.</summary>
public static class HealthChecks
{
    public const string EmbeddedStorage = "storage";
    private const string ReadyTag = "ready";
    private const string DetailTag = "detail";

    public static IServiceCollection AddReceptionistHealthChecks(this IServiceCollection services, bool durable)
    {
        var checks = services.AddHealthChecks().AddCheck<SiloActiveHealthCheck>("silo", tags: [ReadyTag]);
        if (durable)
        {
            checks.AddCheck<PostgresHealthCheck>("postgres", tags: [ReadyTag]);
        }
        else
        {
            checks.AddCheck<EmbeddedStorageHealthCheck>(EmbeddedStorage, tags: [ReadyTag]);
        }

        checks.AddCheck<SignalWireHealthCheck>("signalwire", tags: [DetailTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapReceptionistHealthChecks(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithTags("Health").AllowAnonymous();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithTags("Health").AllowAnonymous();

        // Every check, SignalWire's reachability and latency included, for operators (not for load balancers).
        routes.MapGet("/api/signalwire/health", async (HealthCheckService health, HttpContext http) =>
            {
                var report = await health.CheckHealthAsync(http.RequestAborted);
                http.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
                await HealthResponseWriter.WriteAsync(http, report);
            })
            .WithTags("Health").RequirePermission(Permissions.SystemRead);
        return routes;
    }
}
