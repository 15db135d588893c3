using System.Globalization;
using Receptionist.Api.Validation;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.Tenancy;

/// <summary>
/// The tenant's <c>businessHours</c>:
/// <c>{"timeZone":"America/New_York","week":[{"day":"monday","opens":"09:00","closes":"17:00"}],"holidays":["2026-12-25"]}</c>.
/// Without a time zone, the tenant's own <c>timeZone</c> applies. <c>closes</c> at or before <c>opens</c> runs past
/// midnight; <c>00:00</c> to <c>00:00</c> is the whole day.
/// </summary>
public sealed record BusinessHoursRequest(string? TimeZone, IReadOnlyList<DailyHoursRequest?>? Week, IReadOnlyList<string?>? Holidays)
{
    /// <summary>Four intervals a day are plenty (split shifts, a lunch break); more is a mistake, not a schedule.</summary>
    public const int MaxIntervals = 7 * 4;
    public const int MaxHolidays = 366;
    private const int MinutesPerWeek = 7 * 24 * 60;
    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "HH:mm:ss"];

    public void Validate(RequestValidator check, string prefix)
    {
        check.Check(TimeZone is null || TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _), $"{prefix}.timeZone",
            $"{RequestValidator.Quote(TimeZone ?? "")} is not a known IANA time zone.");

        var week = Week ?? [];
        var holidays = Holidays ?? [];
        check.Check(week.Count <= MaxIntervals, $"{prefix}.week", $"At most {MaxIntervals} intervals.")
            .Check(holidays.Count <= MaxHolidays, $"{prefix}.holidays", $"At most {MaxHolidays} dates.");
        if (week.Count <= MaxIntervals)
        {
            ValidateWeek(check, prefix, week);
        }

        for (var i = 0; i < Math.Min(holidays.Count, MaxHolidays); i++)
        {
            check.Check(TryDate(holidays[i], out _), $"{prefix}.holidays[{i}]", $"{RequestValidator.Quote(holidays[i] ?? "")} is not a date like 2026-12-25.");
        }
    }

    private static void ValidateWeek(RequestValidator check, string prefix, IReadOnlyList<DailyHoursRequest?> week)
    {
        var spans = new List<(int Index, int Start, int End)>(week.Count);
        for (var i = 0; i < week.Count; i++)
        {
            var field = $"{prefix}.week[{i}]";
            if (week[i] is not { } hours)
            {
                check.Add(field, "Required: an interval, not null.");
                continue;
            }

            var day = TryDay(hours.Day, out var d);
            var opens = TryTime(hours.Opens, out var o);
            var closes = TryTime(hours.Closes, out var c);
            check.Check(day, $"{field}.day", "Required: a weekday name (monday … sunday).")
                .Check(opens, $"{field}.opens", $"{RequestValidator.Quote(hours.Opens ?? "")} is not a local time like 09:00.")
                .Check(closes, $"{field}.closes", $"{RequestValidator.Quote(hours.Closes ?? "")} is not a local time like 17:30 (at or before opens: past midnight).");
            if (!(day && opens && closes))
            {
                continue;
            }

            // Equal times would be open zero or 24 hours: only midnight to midnight (all day) is unambiguous.
            if (o == c && o != TimeOnly.MinValue)
            {
                check.Add($"{field}.closes", "Must differ from opens (use 00:00 to 00:00 for the whole day).");
                continue;
            }

            var start = ((int)d * 24 * 60) + (int)o.ToTimeSpan().TotalMinutes;
            var length = c > o ? (int)(c - o).TotalMinutes : (24 * 60) - (int)(o - c).TotalMinutes;
            spans.Add((i, start, start + length));
        }

        // At most MaxIntervals spans, so comparing every pair stays small. Spans are minutes of the week; one that runs
        // past Sunday midnight is compared shifted by a week as well.
        for (var b = 0; b < spans.Count; b++)
        {
            for (var a = 0; a < b; a++)
            {
                if (Overlap(spans[a], spans[b]))
                {
                    check.Add($"{prefix}.week[{spans[b].Index}]", $"Overlaps week[{spans[a].Index}].");
                    break;
                }
            }
        }
    }

    private static bool Overlap((int Index, int Start, int End) a, (int Index, int Start, int End) b) =>
        Intersects(a.Start, a.End, b.Start, b.End)
        || Intersects(a.Start + MinutesPerWeek, a.End + MinutesPerWeek, b.Start, b.End)
        || Intersects(a.Start, a.End, b.Start + MinutesPerWeek, b.End + MinutesPerWeek);

    private static bool Intersects(int aStart, int aEnd, int bStart, int bEnd) => aStart < bEnd && bStart < aEnd;

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
        Holidays = [.. (Holidays ?? []).Select(d => { TryDate(d, out var date); return date; }).Distinct().Order()],
    };

    private static bool TryDay(string? text, out DayOfWeek day) =>
        Enum.TryParse(text, ignoreCase: true, out day) && Enum.IsDefined(day) && !int.TryParse(text, out _);

    private static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

public sealed record DailyHoursRequest(string? Day, string? Opens, string? Closes);
