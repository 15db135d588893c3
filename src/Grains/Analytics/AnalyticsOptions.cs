using System.ComponentModel.DataAnnotations;

namespace Receptionist.Grains.Analytics;

/// <summary>Configuration section <c>Analytics</c>: how contributions are batched on their way to a tenant's rollups.</summary>
public sealed class AnalyticsOptions
{
    public const string SectionName = "Analytics";

    /// <summary>How long a silo collects a tenant's contributions before sending them as one batch.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan FlushWindow { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>A batch is sent at once when it reaches this size, without waiting for the window.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>How often a silo folds the contributions appended by state writes into the tenants' rollups.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan FoldInterval { get; set; } = TimeSpan.FromSeconds(2);
}
