namespace Receptionist.Grains.Messaging;

/// <summary>
/// One delivery status callback for a message we sent. SignalWire sends no timestamp with these, so
/// <see cref="ReceivedAt"/> is when it reached us; the order of statuses comes from <see cref="MessageStatuses.Rank"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("message-status-update")]
public sealed record MessageStatusUpdate
{
    [Id(0)] public required string MessageSid { get; init; }

    [Id(1)] public required MessageStatus Status { get; init; }

    [Id(2)] public string? From { get; init; }

    [Id(3)] public string? To { get; init; }

    [Id(4)] public string? Body { get; init; }

    /// <summary>Sent with undelivered and failed (e.g. 30003).</summary>
    [Id(5)] public string? ErrorCode { get; init; }

    [Id(6)] public int? NumSegments { get; init; }

    [Id(7)] public decimal? Price { get; init; }

    [Id(8)] public string? PriceUnit { get; init; }

    [Id(9)] public required DateTimeOffset ReceivedAt { get; init; }
}
