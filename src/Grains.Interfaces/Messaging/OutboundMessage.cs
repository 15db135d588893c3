namespace Receptionist.Grains.Messaging;

/// <summary>
/// A message we sent: through the REST API (what SignalWire answered to the create), or as an auto-reply in a cXML
/// answer (<see cref="InReplyTo"/> set; SignalWire sends it after we answer, under a SID we never learn).
/// </summary>
[GenerateSerializer, Immutable, Alias("outbound-message")]
public sealed record OutboundMessage
{
    [Id(0)] public required string MessageSid { get; init; }

    [Id(1)] public required string TenantId { get; init; }

    [Id(2)] public required string From { get; init; }

    [Id(3)] public required string To { get; init; }

    [Id(4)] public string? Body { get; init; }

    [Id(5)] public IReadOnlyList<string> MediaUrls { get; init; } = [];

    [Id(6)] public required MessageStatus Status { get; init; }

    [Id(7)] public string? ErrorCode { get; init; }

    [Id(8)] public string? ErrorMessage { get; init; }

    [Id(9)] public decimal? Price { get; init; }

    [Id(10)] public string? PriceUnit { get; init; }

    [Id(11)] public int? NumSegments { get; init; }

    [Id(12)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The inbound message this auto-reply answers.</summary>
    [Id(13)] public string? InReplyTo { get; init; }
}
