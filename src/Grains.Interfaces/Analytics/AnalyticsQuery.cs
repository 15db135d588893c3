namespace Receptionist.Grains.Analytics;

[GenerateSerializer, Alias("analytics-grouping")]
public enum AnalyticsGrouping
{
    None,
    Day,
    Number,
}

/// <summary>
/// A report over tenant-local days, both inclusive. A missing bound is derived from the other (a 30-day window);
/// both missing: the 30 days ending today in the tenant's time zone.
/// </summary>
[GenerateSerializer, Immutable, Alias("analytics-query")]
public sealed record AnalyticsQuery(
    [property: Id(0)] DateOnly? From,
    [property: Id(1)] DateOnly? To,
    [property: Id(2)] AnalyticsGrouping GroupBy)
{
    public const int DefaultDays = 30;

    public const int MaxDays = 366;
}
