namespace Receptionist.Grains.Tenancy;

/// <summary>
/// When a business is open: weekly hours in its own IANA time zone, minus holidays (local dates, closed all day).
/// Hours are wall-clock times, so "09:00" stays 09:00 local across daylight-saving changes. An interval that runs past
/// midnight belongs to the day it opened on: a holiday closes the intervals that open on it.
/// </summary>
[GenerateSerializer, Immutable, Alias("business-hours")]
public sealed record BusinessHours
{
    /// <summary>IANA time zone, e.g. <c>America/New_York</c>.</summary>
    [Id(0)] public string TimeZone { get; init; } = "UTC";

    // Stored as List<T> whatever the caller passed: grain storage must name the list's type when it reads it back, and
    // the compiler's own types behind collection expressions are not on the storage serializer's allow-list.
    [Id(1)] public IReadOnlyList<DailyHours> Week { get; init => field = value.ToList(); } = new List<DailyHours>();

    [Id(2)] public IReadOnlyList<DateOnly> Holidays { get; init => field = value.ToList(); } = new List<DateOnly>();

    /// <summary>Whether the business is open at <paramref name="instant"/>. An unknown time zone is read as UTC.</summary>
    public bool IsOpen(DateTimeOffset instant)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var yesterday = today.AddDays(-1);
        return (!Holidays.Contains(today) && Week.Any(h => h.Day == today.DayOfWeek && h.ContainsSameDay(time)))
            || (!Holidays.Contains(yesterday) && Week.Any(h => h.Day == yesterday.DayOfWeek && h.ContainsNextDay(time)));
    }

    // Value equality over the lists, so saving the same hours again is recognised as "no change".
    public bool Equals(BusinessHours? other) =>
        other is not null && TimeZone == other.TimeZone && Week.SequenceEqual(other.Week) && Holidays.SequenceEqual(other.Holidays);

    public override int GetHashCode() => HashCode.Combine(TimeZone, Week.Count, Holidays.Count);
}
