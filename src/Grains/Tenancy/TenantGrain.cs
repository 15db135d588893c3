using Orleans.Runtime;

namespace Receptionist.Grains.Tenancy;

public sealed class TenantGrain(
    [PersistentState(stateName: "tenant", storageName: StorageNames.Default)] IPersistentState<TenantState> state)
    : Grain, ITenantGrain
{
    Task<TenantSettings> ITenantGrain.GetSettings() => Task.FromResult(state.State.Settings);

    async Task<TenantSettings> ITenantGrain.UpdateSettings(TenantSettings settings)
    {
        var next = settings with { Version = state.State.Settings.Version + 1 };
        if (next with { Version = 0 } == state.State.Settings with { Version = 0 })
        {
            return state.State.Settings;
        }

        state.State.Settings = next;
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
}
