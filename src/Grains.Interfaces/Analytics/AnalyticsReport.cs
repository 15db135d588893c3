namespace Receptionist.Grains.Analytics;

/// <summary>Counts, cost per currency (usually one) and IVR choices taken, over some rollups.</summary>
[GenerateSerializer, Immutable, Alias("analytics-figures")]
public sealed record AnalyticsFigures(
    [property: Id(0)] AnalyticsCounts Counts,
    [property: Id(1)] IReadOnlyDictionary<string, decimal> CostByCurrency,
    [property: Id(2)] IReadOnlyDictionary<string, long> IvrChoices);

[GenerateSerializer, Immutable, Alias("analytics-group")]
public sealed record AnalyticsGroup(
    [property: Id(0)] string Key,
    [property: Id(1)] AnalyticsFigures Figures);

/// <summary>The answer to an <see cref="AnalyticsQuery"/>, with its bounds resolved.</summary>
[GenerateSerializer, Immutable, Alias("analytics-report")]
public sealed record AnalyticsReport(
    [property: Id(0)] DateOnly From,
    [property: Id(1)] DateOnly To,
    [property: Id(2)] AnalyticsFigures Totals,
    [property: Id(3)] IReadOnlyList<AnalyticsGroup> Groups);
