using Orleans.Runtime;
using Receptionist.Grains.Analytics;
using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Tenancy;

/// <summary>
/// A tenant's settings (with the recent call-flow versions calls in progress still run) and numbers. Its analytics are
/// <see cref="TenantAnalyticsGrain"/>'s, so nothing here waits for them.
/// </summary>
public sealed class TenantGrain(
    [PersistentState(stateName: "tenant", storageName: StorageNames.Default)] IPersistentState<TenantState> state)
    : Grain, ITenantGrain
{
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

    Task<CallerVerdict> ITenantGrain.ScreenCaller(string? from) => Task.FromResult(state.State.Settings.Screening.Decide(from));

    /// <summary>
    /// A call's flow is the version it is pinned to; its notices, like the business hours, are the tenant's current
    /// ones at every webhook: a notice turned on guards consent from the next recording on, even in calls under way.
    /// </summary>
    Task<CallSetup> ITenantGrain.GetCallSetup(int? version) => Task.FromResult(CallSetupOf(version));

    Task<CallEntry> ITenantGrain.EnterCall(string? from) =>
        Task.FromResult(new CallEntry(CallSetupOf(null), state.State.Settings.Screening.Decide(from)));

    private CallSetup CallSetupOf(int? version)
    {
        var current = state.State.Settings;
        var kept = version is null ? null : state.State.CallFlowHistory.Find(v => v.Version == version);
        var (flowVersion, flow, isDefault) = kept is not null ? (kept.Version, kept.Flow, false)
            : current.CallFlow is { } saved ? (current.Version, saved, false)
            : (current.Version, IvrVoice.DefaultFlow(current.BusinessName), true);
        return new CallSetup(flowVersion, WithNotices(flow, current.Notices), isDefault, current.BusinessName, current.BusinessHours,
            current.TimeZone, current.MissedCallTextBack.Enabled);
    }

    private static CallFlowSettings WithNotices(CallFlowSettings flow, CallNotices notices) =>
        flow with { Notices = notices, AiAgent = flow.AiAgent is { } agent ? agent with { Notices = notices } : null };
}
