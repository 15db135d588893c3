using Orleans.Runtime;
using Receptionist.Grains.Analytics;
using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Tenancy;

/// <summary>
/// Also the tenant's analytics folder: contributions arrive in batches (pre-aggregated per silo by
/// <see cref="AnalyticsCollectorGrain"/>), are applied through <see cref="IAnalyticsStore"/> in one transaction per
/// batch, and the resulting rollup rows are kept in memory (loaded on first use) to answer reports.
/// </summary>
public sealed class TenantGrain(
    [PersistentState(stateName: "tenant", storageName: StorageNames.Default)] IPersistentState<TenantState> state,
    IAnalyticsStore analyticsStore,
    TimeProvider clock)
    : Grain, ITenantGrain
{
    private TenantRollups? rollups;

    private string TenantId => GrainKeys.IdOf(this.GetPrimaryKeyString());

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Memory only: the next settings write stores the new shape, and until then every read sees it.
        SettingsUpgrade.Forward(state.State);
        return Task.CompletedTask;
    }

    /// <summary>Calls last minutes; this many settings changes during one call are not a real concern.</summary>
    private const int CallFlowVersionsKept = 20;

    Task<TenantSettings> ITenantGrain.GetSettings() => Task.FromResult(state.State.Settings);

    async Task<TenantSettings?> ITenantGrain.UpdateSettingsIf(int expectedVersion, TenantSettings settings) =>
        state.State.Settings.Version == expectedVersion ? await UpdateAsync(settings) : null;

    Task<TenantSettings> ITenantGrain.UpdateSettings(TenantSettings settings) => UpdateAsync(settings);

    private async Task<TenantSettings> UpdateAsync(TenantSettings settings)
    {
        var next = SettingsUpgrade.Forward(settings) with { Version = state.State.Settings.Version + 1 };
        if (next with { Version = 0 } == state.State.Settings with { Version = 0 })
        {
            return state.State.Settings;
        }

        state.State.Settings = next;
        if (next.CallFlow is { } flow)
        {
            var history = state.State.CallFlowHistory;
            history.Add(new VersionedCallFlow(next.Version, flow));
            history.RemoveRange(0, Math.Max(0, history.Count - CallFlowVersionsKept));
        }

        await state.WriteStateAsync();
        return next;
    }

    async Task ITenantGrain.AddNumber(string phoneNumber)
    {
        if (state.State.Numbers.Contains(phoneNumber))
        {
            return;
        }

        state.State.Numbers.Add(phoneNumber);
        await state.WriteStateAsync();
    }

    Task<IReadOnlyList<string>> ITenantGrain.GetNumbers() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Numbers]);

    async Task ITenantGrain.ApplyContributions(IReadOnlyList<AnalyticsContribution> contributions)
    {
        var zone = TimeZone();
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

    async Task<AnalyticsReport> ITenantGrain.GetAnalytics(AnalyticsQuery query)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZone()).DateTime);
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
    private TimeZoneInfo TimeZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(state.State.Settings.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;

    Task<CallSetup> ITenantGrain.GetCallSetup(int? version)
    {
        var current = state.State.Settings;
        var kept = version is null ? null : state.State.CallFlowHistory.Find(v => v.Version == version);
        var setup = kept is not null
            ? new CallSetup(kept.Version, kept.Flow, IsDefault: false, current.BusinessName, current.BusinessHours)
            : current.CallFlow is { } flow
                ? new CallSetup(current.Version, flow, IsDefault: false, current.BusinessName, current.BusinessHours)
                : new CallSetup(current.Version, IvrVoice.DefaultFlow(current.BusinessName), IsDefault: true, current.BusinessName, current.BusinessHours);
        return Task.FromResult(setup);
    }
}
