using Receptionist.Api.Paging;
using Receptionist.Api.Validation;
using Receptionist.Grains.Calls;

namespace Receptionist.Api.Calls;

/// <summary>The query of <c>GET /api/signalwire/calls</c>: <c>status</c> (comma-separated), <c>direction</c>, <c>number</c>, <c>since</c>, <c>until</c>, <c>limit</c>, <c>cursor</c>.</summary>
public sealed record CallListRequest(string? Status, string? Direction, string? Number, DateTimeOffset? Since, DateTimeOffset? Until, int? Limit, string? Cursor)
{
    public const int MaxLimit = 200;

    public (CallQuery? Query, Dictionary<string, string[]> Errors) ToQuery(string tenantId)
    {
        var errors = new Dictionary<string, string[]>();
        var statuses = new List<CallStatus>();
        foreach (var name in (Status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (CallStatuses.TryParse(name, out var status))
            {
                statuses.Add(status);
            }
            else
            {
                errors["status"] = [$"{RequestValidator.Quote(name)} is not one of {string.Join(", ", CallStatuses.WireNames)}."];
            }
        }

        if (Direction is not null and not ("inbound" or "outbound"))
        {
            errors["direction"] = ["Must be inbound or outbound."];
        }

        if (Number is not null && !Validation.E164.IsValid(Number))
        {
            errors["number"] = [$"{RequestValidator.Quote(Number)} is not an E.164 number (e.g. +15551234567)."];
        }

        if (Since is not null && Until is not null && Since >= Until)
        {
            errors["until"] = ["Must be after since."];
        }

        if (Limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"Must be between 1 and {MaxLimit}."];
        }

        var after = Cursor is null ? null : DecodeCursor(Cursor);
        if (Cursor is not null && after is null)
        {
            errors["cursor"] = ["Not a cursor this API returned."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new CallQuery
        {
            TenantId = tenantId,
            Statuses = statuses,
            Direction = Direction,
            Number = Number,
            Since = Since,
            Until = Until,
            Limit = Limit ?? 50,
            After = after,
        }, errors);
    }

    public static string EncodeCursor(CallCursor cursor) => PageCursor.Encode(cursor.CreatedAt, cursor.CallSid);

    private static CallCursor? DecodeCursor(string cursor) =>
        PageCursor.Decode(cursor) is { } at ? new CallCursor(at.CreatedAt, at.Sid) : null;
}
