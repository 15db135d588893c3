using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Calls;

/// <summary>
/// A call is stored as the set of distinct events it accepted; everything shown about it is derived from them by
/// <see cref="CallProjection"/>. Storing facts rather than a folded result is what makes the outcome independent of
/// the order and repetition in which SignalWire delivers them.
/// </summary>
[GenerateSerializer, Alias("call-state")]
public sealed class CallState
{
    [Id(0)] public string? TenantId { get; set; }

    /// <summary>Kept in <see cref="CallEventOrder"/>, one per <see cref="CallEvent.DeduplicationKey"/>.</summary>
    [Id(1)] public List<CallEvent> Events { get; set; } = [];

    /// <summary>The call-flow version the call entered the IVR with (ids from 10: other features add fields too).</summary>
    [Id(10)] public int? IvrFlowVersion { get; set; }

    /// <summary>IVR steps in the order they happened, one per <see cref="IvrStep.Key"/>.</summary>
    [Id(11)] public List<IvrStep> IvrSteps { get; set; } = [];

    /// <summary>Hang-ups and redirects SignalWire accepted through our API, oldest first (their effects arrive as events).</summary>
    [Id(12)] public List<CallControl> Controls { get; set; } = [];

    /// <summary>
    /// A copy to hand to the grain storage: the grain keeps changing its own while a write is in flight, and a storage
    /// may serialize the state after its first await. Events, steps and controls are immutable records, so the lists
    /// are copied and their items shared.
    /// </summary>
    public CallState Snapshot() => new()
    {
        TenantId = TenantId,
        Events = [.. Events],
        IvrFlowVersion = IvrFlowVersion,
        IvrSteps = [.. IvrSteps],
        Controls = [.. Controls],
    };
}
