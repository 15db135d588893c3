using Receptionist.Grains.Messaging;

namespace Receptionist.Api.Messaging;

/// <summary>A message in the SMS log. Never carries the tenant.</summary>
public sealed record SmsSummaryResponse(
    string MessageSid, string Direction, string Status, string? From, string? To, string? Body, IReadOnlyList<string> MediaUrls,
    string? ErrorCode, string? ErrorMessage, decimal? Price, string? PriceUnit, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt, DateTimeOffset UpdatedAt, string? InReplyTo)
{
    public static SmsSummaryResponse Of(MessageSummary m) => new(
        m.MessageSid, m.Direction, m.Status.ToWire(), m.From, m.To, m.Body, m.MediaUrls, m.ErrorCode, m.ErrorMessage, m.Price,
        m.PriceUnit, m.CreatedAt, m.SentAt, m.DeliveredAt, m.UpdatedAt, m.InReplyTo);
}

/// <summary>One message with the statuses it went through (in the order a message moves through them).</summary>
public sealed record SmsResponse(
    string MessageSid, string Direction, string Status, string? From, string? To, string? Body, IReadOnlyList<string> MediaUrls,
    string? ErrorCode, string? ErrorMessage, decimal? Price, string? PriceUnit, DateTimeOffset CreatedAt, DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt, DateTimeOffset UpdatedAt, string? InReplyTo, IReadOnlyList<SmsEventResponse> Events)
{
    public static SmsResponse Of(MessageDetails details)
    {
        var m = details.Summary;
        return new(m.MessageSid, m.Direction, m.Status.ToWire(), m.From, m.To, m.Body, m.MediaUrls, m.ErrorCode, m.ErrorMessage, m.Price,
            m.PriceUnit, m.CreatedAt, m.SentAt, m.DeliveredAt, m.UpdatedAt, m.InReplyTo,
            [.. details.Events.Select(e => new SmsEventResponse(e.Status.ToWire(), e.OccurredAt, e.ErrorCode))]);
    }
}

public sealed record SmsEventResponse(string Status, DateTimeOffset OccurredAt, string? ErrorCode);

/// <summary>A page of the SMS log; pass <see cref="NextCursor"/> as <c>cursor</c> for the next one (null: no more).</summary>
public sealed record SmsListResponse(IReadOnlyList<SmsSummaryResponse> Messages, string? NextCursor);
