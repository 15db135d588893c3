using System.Collections.Concurrent;

namespace Receptionist.Grains.Storage;

/// <summary>
/// Carries a grain's companion writes to the storage provider that commits its next state write. A grain hands them
/// over through <see cref="WriteStateAsync{T}"/>; a provider that joins them to its transaction takes them with
/// <see cref="Take"/>. With any other provider (the stock ADO.NET one, memory) they run one after the other, after the
/// state write, exactly as before this mechanism existed.
/// </summary>
public sealed class CommitCompanions(bool joinsStateWrites)
{
    private readonly ConcurrentDictionary<(GrainId Grain, string State), List<ICommitCompanion>> enlisted = new();

    /// <summary>True when the grain storage commits companion writes in the state write's transaction.</summary>
    public bool JoinsStateWrites { get; } = joinsStateWrites;

    /// <summary>
    /// Writes the grain's state and its companions: in one transaction when the storage joins them, otherwise the
    /// state first and then each companion. Either way the task completes only when all of them are durable.
    /// </summary>
    public async Task WriteStateAsync<T>(IPersistentState<T> state, GrainId grain, string stateName,
        IReadOnlyList<ICommitCompanion> companions, CancellationToken cancellationToken = default)
    {
        if (companions.Count == 0)
        {
            await state.WriteStateAsync(cancellationToken);
            return;
        }

        if (!JoinsStateWrites)
        {
            await state.WriteStateAsync(cancellationToken);
            foreach (var companion in companions)
            {
                await companion.WriteAloneAsync(cancellationToken);
            }

            return;
        }

        var key = (grain, stateName);
        lock (enlisted)
        {
            enlisted.GetOrAdd(key, _ => []).AddRange(companions);
        }

        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        finally
        {
            // A write that failed before reaching the storage leaves its companions here; they must not ride along
            // with a later, unrelated write of the same grain.
            Withdraw(key, companions);
        }
    }

    /// <summary>
    /// The companions enlisted for this grain state so far, removed from the registry: the storage commits them with
    /// the state write it is about to make. Writes Orleans coalesced into one carry every caller's companions.
    /// </summary>
    public IReadOnlyList<ICommitCompanion> Take(GrainId grain, string stateName)
    {
        if (enlisted.IsEmpty)
        {
            return [];
        }

        lock (enlisted)
        {
            return enlisted.TryRemove((grain, stateName), out var companions) ? companions : [];
        }
    }

    private void Withdraw((GrainId, string) key, IReadOnlyList<ICommitCompanion> companions)
    {
        lock (enlisted)
        {
            if (enlisted.TryGetValue(key, out var list))
            {
                list.RemoveAll(companions.Contains);
                if (list.Count == 0)
                {
                    enlisted.TryRemove(key, out _);
                }
            }
        }
    }
}
