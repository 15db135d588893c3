using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// A tenant's analytics: contributions that arrive in batches (pre-aggregated per silo by
/// <see cref="AnalyticsCollectorGrain"/>) are applied through <see cref="IAnalyticsStore"/> in one transaction per
/// batch, and reports are answered from the rollup rows as stored, once the store has folded in what state writes
/// appended (<see cref="ContributionRow"/>: contributions written in their source's own transaction, past this grain).
/// No copy of the rollups is kept in memory, so the rows are the only place that is always current. No grain state:
/// the store is the record.
/// </summary>
public sealed class TenantAnalyticsGrain(IAnalyticsStore analyticsStore, TimeProvider clock) : Grain, ITenantAnalyticsGrain
{
    private string TenantId => GrainKeys.IdOf(this.GetPrimaryKeyString());

    async Task ITenantAnalyticsGrain.ApplyContributions(IReadOnlyList<AnalyticsContribution> contributions)
    {
        var zone = await TimeZoneAsync();
        var entries = contributions
            .Where(c => c.TenantId == TenantId)
            .Select(c => new LedgerEntry(c, TenantDays.Of(c.OccurredAt, zone)))
            .ToList();
        await analyticsStore.ApplyAsync(TenantId, entries);
    }

    async Task<AnalyticsReport> ITenantAnalyticsGrain.GetAnalytics(AnalyticsQuery query)
    {
        var today = TenantDays.Of(clock.GetUtcNow(), await TimeZoneAsync());
        var window = AnalyticsQuery.DefaultDays - 1;
        var (from, to) = (query.From, query.To) switch
        {
            ({ } f, { } t) => (f, t),
            ({ } f, null) => (f, f.AddDays(window)),
            (null, { } t) => (t.AddDays(-window), t),
            _ => (today.AddDays(-window), today),
        };
        return new TenantRollups(await analyticsStore.LoadAsync(TenantId)).Report(from, to, query.GroupBy);
    }

    private async Task<TimeZoneInfo> TimeZoneAsync()
    {
        var settings = await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(TenantId)).GetSettings();
        return TenantDays.Zone(settings.TimeZone);
    }
}
