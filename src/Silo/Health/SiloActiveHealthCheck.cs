using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Receptionist.Silo.Health;

/// <summary>Ready only while this silo is an active member of the cluster (it joined and is not shutting down).</summary>
public sealed class SiloActiveHealthCheck(ILocalSiloDetails silo, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var data = new Dictionary<string, object> { ["silo"] = silo.SiloAddress.ToString(), ["activeSilos"] = active };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"silo {silo.SiloAddress} is active; {active} active silo(s) in the cluster", data)
            : HealthCheckResult.Unhealthy($"silo {silo.SiloAddress} is {status}", data: data));
    }
}
