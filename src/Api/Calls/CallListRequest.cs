using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Receptionist.Grains.Calls;

namespace Receptionist.Api.Calls;

/// <summary>The query of <c>GET /api/signalwire/calls</c>: <c>status</c> (comma-separated), <c>direction</c>, <c>number</c>, <c>since</c>, <c>until</c>, <c>limit</c>, <c>cursor</c>.</summary>
public sealed partial record CallListRequest(string? Status, string? Direction, string? Number, DateTimeOffset? Since, DateTimeOffset? Until, int? Limit, string? Cursor)
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
                errors["status"] = [$"'{name}' is not one of {string.Join(", ", CallStatuses.WireNames)}."];
            }
        }

        if (Direction is not null and not ("inbound" or "outbound"))
        {
            errors["direction"] = ["Must be inbound or outbound."];
        }

        if (Number is not null && !E164().IsMatch(Number))
        {
            errors["number"] = [$"'{Number}' is not an E.164 number (e.g. +15551234567)."];
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

    public static string EncodeCursor(CallCursor cursor) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{cursor.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{cursor.CallSid}"));

    private static CallCursor? DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return bar > 0 && long.TryParse(text[..bar], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks && bar < text.Length - 1
                ? new CallCursor(new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex E164();
}
