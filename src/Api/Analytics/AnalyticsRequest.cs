using System.Globalization;
using Receptionist.Api.Validation;
using Receptionist.Grains.Analytics;

namespace Receptionist.Api.Analytics;

/// <summary>
/// The query of <c>GET /api/signalwire/analytics</c>: <c>from</c>, <c>to</c> (tenant-local days, <c>yyyy-MM-dd</c>,
/// both inclusive, between <see cref="FirstDay"/> and <see cref="LastDay"/>, at most <see cref="AnalyticsQuery.MaxDays"/>
/// apart; either may be left out, see <see cref="AnalyticsQuery"/>) and <c>groupBy</c> (<c>day</c> or <c>number</c>).
/// </summary>
public sealed record AnalyticsRequest(string? From, string? To, string? GroupBy)
{
    /// <summary>
    /// The days a bound may name. A missing bound is derived from the other (a window of days around it), and the
    /// tenant's time zone shifts both by hours, so neither may sit at the very ends of the calendar.
    /// </summary>
    public static readonly DateOnly FirstDay = new(1970, 1, 1);

    public static readonly DateOnly LastDay = new(9998, 12, 31);

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

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            check.Add(field, $"{RequestValidator.Quote(text)} is not a date like 2026-03-02.");
            return null;
        }

        if (day < FirstDay || day > LastDay)
        {
            check.Add(field, $"Must be between {FirstDay:yyyy-MM-dd} and {LastDay:yyyy-MM-dd}.");
            return null;
        }

        return day;
    }
}
