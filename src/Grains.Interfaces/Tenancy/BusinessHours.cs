namespace Receptionist.Grains.Tenancy;

/// <summary>
/// When the business is open: hours per weekday in its IANA <see cref="TimeZone"/>, and closed dates. A day may
/// appear more than once (a lunch break); a day that does not appear is closed; <see cref="DailyHours.Closes"/> before
/// <see cref="DailyHours.Opens"/> runs past midnight.
/// </summary>
[GenerateSerializer, Immutable, Alias("business-hours")]
public sealed record BusinessHours
{
    [Id(0)] public string TimeZone { get; init; } = "UTC";

    [Id(1)] public IReadOnlyList<DailyHours> Week { get; init; } = [];

    /// <summary>Whole days closed, in the business's time zone.</summary>
    [Id(2)] public IReadOnlyList<DateOnly> Holidays { get; init; } = [];

    public bool IsOpen(DateTimeOffset at)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        var today = DateOnly.FromDateTime(local);
        var now = TimeOnly.FromDateTime(local);
        if (Holidays.Contains(today))
        {
            return false;
        }

        foreach (var hours in Week)
        {
            var overnight = hours.Closes <= hours.Opens;
            if (hours.Day == local.DayOfWeek && now >= hours.Opens && (overnight || now < hours.Closes))
            {
                return true;
            }

            // The part after midnight of yesterday's overnight opening (unless today is a holiday, handled above).
            if (overnight && hours.Day == local.AddDays(-1).DayOfWeek && now < hours.Closes)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>One opening on a weekday, local time; <see cref="Closes"/> is exclusive.</summary>
[GenerateSerializer, Immutable, Alias("daily-hours")]
public sealed record DailyHours(
    [property: Id(0)] DayOfWeek Day,
    [property: Id(1)] TimeOnly Opens,
    [property: Id(2)] TimeOnly Closes);
