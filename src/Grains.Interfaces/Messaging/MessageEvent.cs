namespace Receptionist.Grains.Messaging;

/// <summary>One status a message reached, when it reached us, and the error code that came with it.</summary>
[GenerateSerializer, Immutable, Alias("message-event")]
public sealed record MessageEvent(
    [property: Id(0)] MessageStatus Status,
    [property: Id(1)] DateTimeOffset OccurredAt,
    [property: Id(2)] string? ErrorCode);
