using Receptionist.Grains;

namespace Receptionist.Tests.Auth;

/// <summary>
/// A test-only grain shaped like the product's per-SID grains: keyed by its own id, owned by the tenant that
/// created it. The route over it must hide another tenant's note exactly like a missing one.
/// </summary>
[Alias("test-note")]
public interface ITestNoteGrain : IGrainWithStringKey
{
    [Alias("get")]
    Task<TestNote?> Get();

    /// <summary>Stores the note unless another tenant owns it; false then.</summary>
    [Alias("put")]
    Task<bool> Put(TestNote note);
}

[GenerateSerializer, Immutable, Alias("test-note-record")]
public sealed record TestNote([property: Id(0)] string TenantId, [property: Id(1)] string Phone, [property: Id(2)] string Text);

[GenerateSerializer, Alias("test-note-state")]
public sealed class TestNoteState
{
    [Id(0)] public TestNote? Note { get; set; }
}

public sealed class TestNoteGrain(
    [PersistentState(stateName: "test-note", storageName: StorageNames.Default)] IPersistentState<TestNoteState> state)
    : Grain, ITestNoteGrain
{
    Task<TestNote?> ITestNoteGrain.Get() => Task.FromResult(state.State.Note);

    async Task<bool> ITestNoteGrain.Put(TestNote note)
    {
        var existing = state.State.Note;
        if (existing is not null && existing.TenantId != note.TenantId)
        {
            return false;
        }

        if (existing != note)
        {
            state.State.Note = note;
            await state.WriteStateAsync();
        }

        return true;
    }
}
