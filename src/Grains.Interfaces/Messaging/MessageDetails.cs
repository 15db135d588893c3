namespace Receptionist.Grains.Messaging;

/// <summary>A message with its media and the statuses it went through, in the order a message moves through them.</summary>
[GenerateSerializer, Immutable, Alias("message-details")]
public sealed record MessageDetails(
    [property: Id(0)] MessageSummary Summary,
    [property: Id(1)] IReadOnlyList<MessageMedia> Media,
    [property: Id(2)] IReadOnlyList<MessageEvent> Events);
