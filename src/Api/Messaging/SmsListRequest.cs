using Receptionist.Api.Paging;
using Receptionist.Api.Validation;
using Receptionist.Grains.Messaging;

namespace Receptionist.Api.Messaging;

/// <summary>The query of <c>GET /api/signalwire/sms</c>: <c>status</c> (comma-separated), <c>direction</c>, <c>number</c>, <c>since</c>, <c>until</c>, <c>limit</c>, <c>cursor</c>.</summary>
public sealed record SmsListRequest(string? Status, string? Direction, string? Number, DateTimeOffset? Since, DateTimeOffset? Until, int? Limit, string? Cursor)
{
    public const int MaxLimit = 200;

    public (MessageLogQuery? Query, RequestValidator Check) ToQuery(string tenantId)
    {
        var check = new RequestValidator()
            .OneOf("direction", Direction, "inbound", "outbound")
            .E164("number", Number)
            .Check(Since is null || Until is null || Since < Until, "until", "Must be after since.")
            .Range("limit", Limit, 1, MaxLimit);
        var statuses = new List<MessageStatus>();
        foreach (var name in (Status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (MessageStatuses.TryParse(name, out var status))
            {
                statuses.Add(status);
            }
            else
            {
                check.Add("status", $"{RequestValidator.Quote(name)} is not one of {string.Join(", ", MessageStatuses.WireNames)}.");
            }
        }

        var after = Cursor is null ? null : DecodeCursor(Cursor);
        check.Check(Cursor is null || after is not null, "cursor", "Not a cursor this API returned.");
        if (!check.IsValid)
        {
            return (null, check);
        }

        return (new MessageLogQuery
        {
            TenantId = tenantId,
            Statuses = statuses,
            Direction = Direction,
            Number = Number,
            Since = Since,
            Until = Until,
            Limit = Limit ?? 50,
            After = after,
        }, check);
    }

    public static string EncodeCursor(MessageLogCursor cursor) => PageCursor.Encode(cursor.CreatedAt, cursor.MessageSid);

    private static MessageLogCursor? DecodeCursor(string cursor) =>
        PageCursor.Decode(cursor) is { } at ? new MessageLogCursor(at.CreatedAt, at.Sid) : null;
}
