using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// A tenant's analytics folder: contributions arrive in batches (pre-aggregated per silo by
/// <see cref="AnalyticsCollectorGrain"/>), are applied through <see cref="IAnalyticsStore"/> in one transaction per
/// batch, and the resulting rollup rows are kept in memory (loaded on first use) to answer reports. No grain state:
/// the store is the record.
/// </summary>
public sealed class TenantAnalyticsGrain(IAnalyticsStore analyticsStore, TimeProvider clock) : Grain, ITenantAnalyticsGrain
{
    private TenantRollups? rollups;

    private string TenantId => GrainKeys.IdOf(this.GetPrimaryKeyString());

    async Task ITenantAnalyticsGrain.ApplyContributions(IReadOnlyList<AnalyticsContribution> contributions)
    {
        var zone = await TimeZoneAsync();
        var entries = contributions
            .Where(c => c.TenantId == TenantId)
            .Select(c => new LedgerEntry(c, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(c.OccurredAt, zone).DateTime)))
            .ToList();
        var current = await RollupsAsync();
        try
        {
            current.Apply(await analyticsStore.ApplyAsync(TenantId, entries));
        }
        catch
        {
            // The batch may or may not have committed: reload what is durable before answering from memory again.
            rollups = null;
            throw;
        }
    }

    async Task<AnalyticsReport> ITenantAnalyticsGrain.GetAnalytics(AnalyticsQuery query)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), await TimeZoneAsync()).DateTime);
        var window = AnalyticsQuery.DefaultDays - 1;
        var (from, to) = (query.From, query.To) switch
        {
            ({ } f, { } t) => (f, t),
            ({ } f, null) => (f, f.AddDays(window)),
            (null, { } t) => (t.AddDays(-window), t),
            _ => (today.AddDays(-window), today),
        };
        return (await RollupsAsync()).Report(from, to, query.GroupBy);
    }

    private async Task<TenantRollups> RollupsAsync() => rollups ??= new TenantRollups(await analyticsStore.LoadAsync(TenantId));

    /// <summary>Days are the tenant's local days; a zone this machine does not know counts as UTC (settings validate it).</summary>
    private async Task<TimeZoneInfo> TimeZoneAsync()
    {
        var settings = await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(TenantId)).GetSettings();
        return TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
    }
}
