namespace Receptionist.Grains.Messaging;

/// <summary>
/// A message as the message log lists it. <see cref="Version"/> counts the changes the message accepted: it only
/// grows, so a writer can refuse to overwrite a newer row with an older one.
/// </summary>
[GenerateSerializer, Immutable, Alias("message-summary")]
public sealed record MessageSummary
{
    [Id(0)] public required string MessageSid { get; init; }

    [Id(1)] public required string TenantId { get; init; }

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    [Id(2)] public required string Direction { get; init; }

    [Id(3)] public required MessageStatus Status { get; init; }

    [Id(4)] public string? From { get; init; }

    [Id(5)] public string? To { get; init; }

    [Id(6)] public string? Body { get; init; }

    [Id(7)] public IReadOnlyList<string> MediaUrls { get; init; } = [];

    [Id(8)] public string? ErrorCode { get; init; }

    [Id(9)] public string? ErrorMessage { get; init; }

    [Id(10)] public decimal? Price { get; init; }

    [Id(11)] public string? PriceUnit { get; init; }

    [Id(12)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(13)] public DateTimeOffset? SentAt { get; init; }

    /// <summary>When it was delivered (outbound) or received (inbound).</summary>
    [Id(14)] public DateTimeOffset? DeliveredAt { get; init; }

    [Id(15)] public required DateTimeOffset UpdatedAt { get; init; }

    [Id(16)] public string? InReplyTo { get; init; }

    [Id(17)] public required int Version { get; init; }
}
