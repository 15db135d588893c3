using System.Globalization;
using Receptionist.Api.Validation;
using Receptionist.Grains.Analytics;

namespace Receptionist.Api.Analytics;

/// <summary>
/// The query of <c>GET /api/signalwire/analytics</c>: <c>from</c>, <c>to</c> (tenant-local days, <c>yyyy-MM-dd</c>,
/// both inclusive, at most <see cref="AnalyticsQuery.MaxDays"/> apart; either may be left out, see
/// <see cref="AnalyticsQuery"/>) and <c>groupBy</c> (<c>day</c> or <c>number</c>).
/// </summary>
public sealed record AnalyticsRequest(string? From, string? To, string? GroupBy)
{
    public (AnalyticsQuery? Query, RequestValidator Check) ToQuery()
    {
        var check = new RequestValidator().OneOf("groupBy", GroupBy, "day", "number");
        var from = Day(check, "from", From);
        var to = Day(check, "to", To);
        if (from is { } f && to is { } t)
        {
            check.Check(t >= f, "to", "Must be on or after from.")
                .Check(t.DayNumber - f.DayNumber < AnalyticsQuery.MaxDays, "to", $"The range may span at most {AnalyticsQuery.MaxDays} days.");
        }

        if (!check.IsValid)
        {
            return (null, check);
        }

        var grouping = GroupBy switch
        {
            "day" => AnalyticsGrouping.Day,
            "number" => AnalyticsGrouping.Number,
            _ => AnalyticsGrouping.None,
        };
        return (new AnalyticsQuery(from, to, grouping), check);
    }

    private static DateOnly? Day(RequestValidator check, string field, string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        check.Add(field, $"'{text}' is not a date like 2026-03-02.");
        return null;
    }
}
