using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Receptionist.Silo.Health;

/// <summary>Without PostgreSQL the service works but keeps everything in memory; readiness says so in every answer.</summary>
public sealed class EmbeddedStorageHealthCheck : IHealthCheck
{
    public const string Warning =
        "NOT DURABLE: no ConnectionStrings:Postgres, so grain state is in memory and clustering is localhost-only; everything is lost when this process stops";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Degraded(Warning));
}
