using Orleans.Runtime;
using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Tenancy;

public sealed class TenantGrain(
    [PersistentState(stateName: "tenant", storageName: StorageNames.Default)] IPersistentState<TenantState> state)
    : Grain, ITenantGrain
{
    /// <summary>Calls last minutes; this many settings changes during one call are not a real concern.</summary>
    private const int CallFlowVersionsKept = 20;

    Task<TenantSettings> ITenantGrain.GetSettings() => Task.FromResult(state.State.Settings);

    async Task<TenantSettings> ITenantGrain.UpdateSettings(TenantSettings settings)
    {
        var next = settings with { Version = state.State.Settings.Version + 1 };
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

    Task<VersionedCallFlow?> ITenantGrain.GetCallFlow(int? version)
    {
        var current = state.State.Settings;
        var kept = version is null ? null : state.State.CallFlowHistory.Find(v => v.Version == version);
        return Task.FromResult(kept ?? (current.CallFlow is { } flow ? new VersionedCallFlow(current.Version, flow) : null));
    }
}
