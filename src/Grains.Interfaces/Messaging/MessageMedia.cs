namespace Receptionist.Grains.Messaging;

/// <summary>One media item of an MMS: SignalWire's (public, unguessable) URL and its MIME type when known.</summary>
[GenerateSerializer, Immutable, Alias("message-media")]
public sealed record MessageMedia(
    [property: Id(0)] string Url,
    [property: Id(1)] string? ContentType);
