namespace Receptionist.Grains.Messaging;

/// <summary>
/// What is known about one message: its parties and content (from the inbound webhook, our own send, or failing those
/// the first status callback) and the distinct statuses it reached. Its status is derived from those by
/// <see cref="MessageProjection"/>, so the order and repetition of callbacks cannot change the outcome.
/// </summary>
[GenerateSerializer, Alias("message-state")]
public sealed class MessageState
{
    [Id(0)] public string? TenantId { get; set; }

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    [Id(1)] public string? Direction { get; set; }

    [Id(2)] public string? From { get; set; }

    [Id(3)] public string? To { get; set; }

    [Id(4)] public string? Body { get; set; }

    [Id(5)] public List<MessageMedia> Media { get; set; } = [];

    [Id(6)] public string? ErrorCode { get; set; }

    [Id(7)] public string? ErrorMessage { get; set; }

    [Id(8)] public decimal? Price { get; set; }

    [Id(9)] public string? PriceUnit { get; set; }

    [Id(10)] public DateTimeOffset? CreatedAt { get; set; }

    [Id(11)] public string? InReplyTo { get; set; }

    /// <summary>The auto-reply an inbound message was answered with, if any.</summary>
    [Id(12)] public string? Reply { get; set; }

    /// <summary>True once the message itself (not just a status callback about it) has been recorded.</summary>
    [Id(13)] public bool Recorded { get; set; }

    /// <summary>One per status, kept in <see cref="MessageProjection.EventOrder"/>.</summary>
    [Id(14)] public List<MessageEvent> Events { get; set; } = [];

    /// <summary>Grows with every accepted change; guards the log row against older writes.</summary>
    [Id(15)] public int Version { get; set; }

    [Id(16)] public int? NumSegments { get; set; }
}
