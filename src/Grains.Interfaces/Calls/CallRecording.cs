namespace Receptionist.Grains.Calls;

[GenerateSerializer, Immutable, Alias("call-recording")]
public sealed record CallRecording(
    [property: Id(0)] string RecordingSid,
    [property: Id(1)] string? Url,
    [property: Id(2)] string? Status,
    [property: Id(3)] int? DurationSeconds);
