using System.ComponentModel.DataAnnotations;

namespace Receptionist.Silo.Observability;

/// <summary>
/// Where metrics and traces go (section <c>Observability</c>). Nothing is exported unless configured: the Prometheus
/// scraping endpoint is off until <see cref="PrometheusPath"/> is set, and then answers only on
/// <see cref="PrometheusPort"/> when that is set (a management port the load balancer does not publish).
/// </summary>
public sealed class ObservabilityOptions : IValidatableObject
{
    public const string SectionName = "Observability";

    /// <summary>The scraping path, e.g. <c>/metrics</c>. Unset: no scraping endpoint.</summary>
    public string? PrometheusPath { get; set; }

    /// <summary>
    /// The local port the scraping endpoint answers on; the silo listens on it as well (same host as its first URL).
    /// Unset: the endpoint answers on every port, the public one included.
    /// </summary>
    [Range(1, 65535)]
    public int? PrometheusPort { get; set; }

    /// <summary>An OTLP collector (e.g. <c>http://otel-collector:4317</c>): traces and metrics are pushed there.</summary>
    public Uri? OtlpEndpoint { get; set; }

    public bool PrometheusEnabled => !string.IsNullOrEmpty(PrometheusPath);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PrometheusEnabled && !PrometheusPath!.StartsWith('/'))
        {
            yield return new ValidationResult($"Observability:PrometheusPath '{PrometheusPath}' must start with '/'.");
        }

        if (PrometheusPort is not null && !PrometheusEnabled)
        {
            yield return new ValidationResult("Observability:PrometheusPort is set but Observability:PrometheusPath is not.");
        }

        if (OtlpEndpoint is { } otlp && (!otlp.IsAbsoluteUri || otlp.Scheme is not ("http" or "https")))
        {
            yield return new ValidationResult($"Observability:OtlpEndpoint '{otlp}' must be an absolute http(s) URL.");
        }
    }
}
