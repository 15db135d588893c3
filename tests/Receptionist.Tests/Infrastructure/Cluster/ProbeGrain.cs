using Receptionist.Grains;

namespace Receptionist.Tests.Infrastructure.Cluster;

public sealed class ProbeGrain(
    [PersistentState(stateName: "test-probe", storageName: StorageNames.Default)] IPersistentState<ProbeState> state)
    : Grain, IProbeGrain
{
    async Task<int> IProbeGrain.Increment()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    Task<int> IProbeGrain.Count() => Task.FromResult(state.State.Count);

    Task<string> IProbeGrain.Host() => Task.FromResult(RuntimeIdentity);
}

[GenerateSerializer, Alias("test-probe-state")]
public sealed class ProbeState
{
    [Id(0)] public int Count { get; set; }
}
