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

    /// <summary>Hang-ups and redirects SignalWire accepted through our API, oldest first (their effects arrive as events).</summary>
    [Id(10)] public List<CallControl> Controls { get; set; } = [];
}
