using System.ComponentModel.DataAnnotations;

namespace Receptionist.Api.RateLimiting;

/// <summary>Per-tenant token bucket on the private API (every route that declares a permission).</summary>
public sealed class TenantRateLimitOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Sustained requests per second each tenant may make.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests a tenant may make at once after being idle (the bucket's size).</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;
}
