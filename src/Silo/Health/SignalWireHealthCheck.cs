using Microsoft.Extensions.Diagnostics.HealthChecks;
using Receptionist.Grains.SignalWire;

namespace Receptionist.Silo.Health;

/// <summary>
/// Whether SignalWire answers this service's credentials, and how fast. Degraded rather than unhealthy when it does
/// not: webhooks, live status and lists keep working without it; only outbound actions fail (with 502/504/503).
/// Not part of readiness, so a SignalWire outage never takes silos out of the load balancer.
/// </summary>
public sealed class SignalWireHealthCheck(SignalWireClient signalWire) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!signalWire.IsConfigured)
        {
            return HealthCheckResult.Degraded("SignalWire is not configured", data: new Dictionary<string, object> { ["configured"] = false });
        }

        var probe = await signalWire.ProbeAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["configured"] = true,
            ["reachable"] = probe.Reachable,
            ["latencyMs"] = Math.Round(probe.Latency.TotalMilliseconds, 1),
        };
        return probe.Reachable
            ? HealthCheckResult.Healthy($"SignalWire answered: {probe.Detail}", data)
            : HealthCheckResult.Degraded($"SignalWire is unreachable: {probe.Detail}", data: data);
    }
}
