namespace Receptionist.Grains.Analytics;

/// <summary>
/// One tenant's analytics (key: <see cref="GrainKeys.Tenant"/>), apart from its settings grain so a call's flow lookup
/// never queues behind an analytics batch.
/// </summary>
[Alias("tenant-analytics")]
public interface ITenantAnalyticsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Folds a batch of call/message contributions into the tenant's rollups (idempotent per SID and version);
    /// returns once they are durable.
    /// </summary>
    [Alias("apply-contributions")]
    Task ApplyContributions(IReadOnlyList<AnalyticsContribution> contributions);

    /// <summary>A report from the rollups (never from the calls themselves).</summary>
    [Alias("get-analytics")]
    Task<AnalyticsReport> GetAnalytics(AnalyticsQuery query);
}
