namespace Receptionist.Grains.Calls;

/// <summary>A call with its recordings and its accepted events, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("call-details")]
public sealed record CallDetails(
    [property: Id(0)] CallSummary Summary,
    [property: Id(1)] IReadOnlyList<CallRecording> Recordings,
    [property: Id(2)] IReadOnlyList<CallEvent> Events);
