namespace Receptionist.Grains.Messaging;

/// <summary>Derives what a message looks like from its state.</summary>
public static class MessageProjection
{
    /// <summary>Status callbacks carry no timestamp, so progress orders them first and arrival only breaks ties.</summary>
    public static readonly Comparison<MessageEvent> EventOrder = (x, y) =>
    {
        var byRank = x.Status.Rank().CompareTo(y.Status.Rank());
        return byRank != 0 ? byRank : x.OccurredAt.CompareTo(y.OccurredAt);
    };

    public static MessageDetails Project(string messageSid, MessageState state)
    {
        var events = state.Events;
        // Only one final status is ever accepted, and it outranks everything; otherwise the furthest one wins.
        var status = events.Count == 0 ? MessageStatus.Queued : events[^1].Status;
        var createdAt = state.CreatedAt ?? (events.Count == 0 ? DateTimeOffset.MinValue : events.Min(e => e.OccurredAt));
        var times = events.Select(e => e.OccurredAt).Append(createdAt);
        var summary = new MessageSummary
        {
            MessageSid = messageSid,
            TenantId = state.TenantId ?? "",
            Direction = state.Direction ?? "outbound",
            Status = status,
            From = state.From,
            To = state.To,
            Body = state.Body,
            MediaUrls = [.. state.Media.Select(m => m.Url)],
            ErrorCode = state.ErrorCode,
            ErrorMessage = state.ErrorMessage ?? MessageErrorCodes.Describe(state.ErrorCode),
            Price = state.Price,
            PriceUnit = state.PriceUnit,
            CreatedAt = createdAt,
            SentAt = events.FirstOrDefault(e => e.Status == MessageStatus.Sent)?.OccurredAt,
            DeliveredAt = events.FirstOrDefault(e => e.Status is MessageStatus.Delivered or MessageStatus.Received)?.OccurredAt,
            UpdatedAt = times.Max(),
            InReplyTo = state.InReplyTo,
            Version = state.Version,
        };
        return new MessageDetails(summary, [.. state.Media], [.. events]);
    }
}
