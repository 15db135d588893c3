using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Calls;

/// <summary>A call with its recordings and its accepted events, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("call-details")]
public sealed record CallDetails(
    [property: Id(0)] CallSummary Summary,
    [property: Id(1)] IReadOnlyList<CallRecording> Recordings,
    [property: Id(2)] IReadOnlyList<CallEvent> Events)
{
    /// <summary>The call's way through the IVR; null when it never entered one (e.g. outbound).</summary>
    [Id(10)] public IvrJourney? Ivr { get; init; }
}
