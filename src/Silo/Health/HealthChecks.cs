using Microsoft.AspNetCore.Diagnostics.HealthChecks;
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
        routes.MapHealthChecks("/api/signalwire/health", new HealthCheckOptions { ResponseWriter = HealthResponseWriter.WriteAsync })
            .WithTags("Health").RequirePermission(Permissions.SystemRead);
        return routes;
    }
}
