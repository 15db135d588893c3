using System.Text.Json.Serialization;

namespace Receptionist.Grains.Tenancy;

/// <summary>
/// One opening interval on one weekday, in the business's local time. <see cref="Closes"/> at or before
/// <see cref="Opens"/> runs past midnight into the next day (so 00:00–00:00 is open all day). A day may have several
/// intervals (a lunch break), and a day without any is closed.
/// </summary>
[GenerateSerializer, Immutable, Alias("daily-hours")]
public sealed record DailyHours(
    [property: Id(0), JsonConverter(typeof(JsonStringEnumConverter<DayOfWeek>))] DayOfWeek Day,
    [property: Id(1)] TimeOnly Opens,
    [property: Id(2)] TimeOnly Closes)
{
    public bool WrapsMidnight => Closes <= Opens;

    /// <summary>Whether <paramref name="time"/> on the interval's own day falls inside it.</summary>
    internal bool ContainsSameDay(TimeOnly time) => WrapsMidnight ? time >= Opens : time >= Opens && time < Closes;

    /// <summary>Whether <paramref name="time"/> on the day after falls inside the part that ran past midnight.</summary>
    internal bool ContainsNextDay(TimeOnly time) => WrapsMidnight && time < Closes;
}
