using Orleans.Storage;

namespace Receptionist.Tests.Storage;

/// <summary>
/// What Orleans hands a grain for <c>[PersistentState]</c>, reduced to its contract: one state object whose reads,
/// writes and clears go to one grain storage. Lets a test use <c>CommitCompanions</c> without a grain.
/// </summary>
internal sealed class StoredState<T>(IGrainStorage storage, string stateName, GrainId grainId) : IPersistentState<T>
    where T : new()
{
    private readonly GrainState<T> state = new(new T());

    public T State { get => state.State!; set => state.State = value; }

    public string Etag => state.ETag!;

    public bool RecordExists => state.RecordExists;

    public Task ClearStateAsync() => storage.ClearStateAsync(stateName, grainId, state);

    public Task ClearStateAsync(CancellationToken cancellationToken) => ClearStateAsync();

    public Task ReadStateAsync() => storage.ReadStateAsync(stateName, grainId, state);

    public Task ReadStateAsync(CancellationToken cancellationToken) => ReadStateAsync();

    public Task WriteStateAsync() => storage.WriteStateAsync(stateName, grainId, state);

    public Task WriteStateAsync(CancellationToken cancellationToken) => WriteStateAsync();
}
