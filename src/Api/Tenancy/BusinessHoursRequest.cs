using System.Globalization;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.Tenancy;

/// <summary>
/// The <c>businessHours</c> part of <c>PUT /api/tenant/settings</c>:
/// <c>{"timeZone":"America/New_York","week":[{"day":"monday","opens":"09:00","closes":"17:00"}],"holidays":["2026-12-25"]}</c>.
/// Without a time zone, the tenant's own <c>timeZone</c> applies.
/// </summary>
public sealed record BusinessHoursRequest(string? TimeZone, IReadOnlyList<DailyHoursRequest?>? Week, IReadOnlyList<string?>? Holidays)
{
    public const int MaxIntervals = 7 * 4;
    public const int MaxHolidays = 366;
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "HH:mm:ss"];

    public void Validate(Dictionary<string, string[]> errors)
    {
        if (TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            errors["businessHours.timeZone"] = [$"'{TimeZone}' is not a known IANA time zone."];
        }

        var week = Week ?? [];
        if (week.Count > MaxIntervals)
        {
            errors["businessHours.week"] = [$"At most {MaxIntervals} intervals."];
        }

        for (var i = 0; i < week.Count; i++)
        {
            var field = $"businessHours.week[{i}]";
            if (!TryDay(week[i]?.Day, out _))
            {
                errors[field + ".day"] = ["Required: a weekday name (monday … sunday)."];
            }

            if (!TryTime(week[i]?.Opens, out _))
            {
                errors[field + ".opens"] = ["Required: a local time such as 09:00."];
            }

            if (!TryTime(week[i]?.Closes, out _))
            {
                errors[field + ".closes"] = ["Required: a local time such as 17:00 (at or before opens: past midnight)."];
            }
        }

        var holidays = Holidays ?? [];
        if (holidays.Count > MaxHolidays)
        {
            errors["businessHours.holidays"] = [$"At most {MaxHolidays} dates."];
        }

        for (var i = 0; i < holidays.Count; i++)
        {
            if (!DateOnly.TryParseExact(holidays[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                errors[$"businessHours.holidays[{i}]"] = [$"'{holidays[i]}' is not a date (yyyy-MM-dd)."];
            }
        }
    }

    public BusinessHours ToBusinessHours(string tenantTimeZone) => new()
    {
        TimeZone = TimeZone ?? tenantTimeZone,
        Week = [.. (Week ?? []).Select(h =>
        {
            TryDay(h!.Day, out var day);
            TryTime(h.Opens, out var opens);
            TryTime(h.Closes, out var closes);
            return new DailyHours(day, opens, closes);
        }).OrderBy(h => h.Day).ThenBy(h => h.Opens)],
        Holidays = [.. (Holidays ?? []).Select(d => DateOnly.ParseExact(d!, "yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct().Order()],
    };

    private static bool TryDay(string? text, out DayOfWeek day) =>
        Enum.TryParse(text, ignoreCase: true, out day) && Enum.IsDefined(day) && !int.TryParse(text, out _);

    private static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}

public sealed record DailyHoursRequest(string? Day, string? Opens, string? Closes);
