using Receptionist.Grains.Tenancy;

namespace Receptionist.Tests.Messaging;

public sealed class BusinessHoursTests
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private static BusinessHours NineToFive(string zone, params DateOnly[] holidays) => new()
    {
        TimeZone = zone,
        Week = [.. Weekdays.Select(d => new DailyHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))],
        Holidays = holidays,
    };

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(3, 4, 14, 0, true)] // Wed 09:00 EST: opens inclusive
    [InlineData(3, 4, 13, 59, false)] // Wed 08:59 EST
    [InlineData(3, 4, 21, 59, true)] // Wed 16:59 EST
    [InlineData(3, 4, 22, 0, false)] // Wed 17:00 EST: closes exclusive
    [InlineData(3, 7, 15, 0, false)] // Saturday 10:00 EST
    [InlineData(3, 5, 3, 0, false)] // Wed 22:00 EST, which is already Thursday in UTC
    public void Open_hours_are_local_wall_clock_times_with_opening_inclusive_and_closing_exclusive(int month, int day, int hour, int minute, bool open) =>
        Assert.Equal(open, NineToFive("America/New_York").IsOpen(Utc(month, day, hour, minute)));

    [Fact]
    public void Nine_local_stays_nine_local_across_both_daylight_saving_changes()
    {
        var hours = NineToFive("America/New_York");

        // Spring forward on Sunday 8 March 2026: 09:00 is 14:00 UTC on Friday the 6th, 13:00 UTC on Monday the 9th.
        Assert.True(hours.IsOpen(Utc(3, 6, 14)));
        Assert.False(hours.IsOpen(Utc(3, 6, 13, 30)));
        Assert.True(hours.IsOpen(Utc(3, 9, 13)));
        Assert.False(hours.IsOpen(Utc(3, 9, 12, 30)));
        Assert.False(hours.IsOpen(Utc(3, 9, 21))); // 17:00 EDT

        // Fall back on Sunday 1 November 2026: 09:00 is 13:00 UTC on Friday 30 October, 14:00 UTC on Monday the 2nd.
        Assert.True(hours.IsOpen(Utc(10, 30, 13)));
        Assert.False(hours.IsOpen(Utc(11, 2, 13, 30)));
        Assert.True(hours.IsOpen(Utc(11, 2, 14)));
    }

    [Fact]
    public void Hours_that_touch_the_skipped_and_repeated_hour_behave_like_the_clock_on_the_wall()
    {
        // Open 01:00–03:00 on Sundays: on the spring-forward Sunday the wall clock jumps from 02:00 to 03:00.
        var hours = new BusinessHours
        {
            TimeZone = "America/New_York",
            Week = [new DailyHours(DayOfWeek.Sunday, new TimeOnly(1, 0), new TimeOnly(3, 0))],
        };
        Assert.True(hours.IsOpen(Utc(3, 8, 6, 30))); // 01:30 EST
        Assert.False(hours.IsOpen(Utc(3, 8, 7, 0))); // 03:00 EDT: the hour 02:00–03:00 never happened

        // On the fall-back Sunday 01:00–02:00 happens twice, and both are open.
        Assert.True(hours.IsOpen(Utc(11, 1, 5, 30))); // 01:30 EDT
        Assert.True(hours.IsOpen(Utc(11, 1, 6, 30))); // 01:30 EST
        Assert.False(hours.IsOpen(Utc(11, 1, 8, 0))); // 03:00 EST
    }

    [Fact]
    public void Holidays_close_the_whole_local_day_including_hours_that_ran_past_midnight_from_it()
    {
        var christmas = new DateOnly(2026, 12, 25); // a Friday
        Assert.False(NineToFive("Europe/Berlin", christmas).IsOpen(new DateTimeOffset(2026, 12, 25, 10, 0, 0, TimeSpan.FromHours(1))));
        Assert.True(NineToFive("Europe/Berlin", christmas).IsOpen(new DateTimeOffset(2026, 12, 24, 10, 0, 0, TimeSpan.FromHours(1))));

        var bar = new BusinessHours
        {
            TimeZone = "Europe/Berlin",
            Week = [new DailyHours(DayOfWeek.Friday, new TimeOnly(18, 0), new TimeOnly(2, 0)), new DailyHours(DayOfWeek.Saturday, new TimeOnly(18, 0), new TimeOnly(2, 0))],
            Holidays = [christmas],
        };
        var berlin = TimeSpan.FromHours(1);
        Assert.False(bar.IsOpen(new DateTimeOffset(2026, 12, 25, 23, 0, 0, berlin))); // Friday night is the holiday
        Assert.False(bar.IsOpen(new DateTimeOffset(2026, 12, 26, 1, 0, 0, berlin))); // its hours past midnight too
        Assert.True(bar.IsOpen(new DateTimeOffset(2026, 12, 26, 23, 0, 0, berlin))); // Saturday night is not
        Assert.True(bar.IsOpen(new DateTimeOffset(2026, 12, 27, 1, 59, 0, berlin))); // ... until 02:00 on Sunday
        Assert.False(bar.IsOpen(new DateTimeOffset(2026, 12, 27, 2, 0, 0, berlin)));
    }

    [Fact]
    public void Midnight_to_midnight_is_open_all_day_and_a_week_without_hours_is_always_closed()
    {
        var allDay = new BusinessHours { TimeZone = "Asia/Tokyo", Week = [new DailyHours(DayOfWeek.Tuesday, TimeOnly.MinValue, TimeOnly.MinValue)] };
        var tokyo = TimeSpan.FromHours(9);
        Assert.True(allDay.IsOpen(new DateTimeOffset(2026, 3, 3, 0, 0, 0, tokyo)));
        Assert.True(allDay.IsOpen(new DateTimeOffset(2026, 3, 3, 23, 59, 59, tokyo)));
        Assert.False(allDay.IsOpen(new DateTimeOffset(2026, 3, 4, 0, 0, 0, tokyo)));
        Assert.False(new BusinessHours { TimeZone = "UTC" }.IsOpen(Utc(3, 4, 12)));
    }

    [Fact]
    public void Equal_hours_are_equal_values_so_saving_them_again_changes_nothing()
    {
        var holiday = new DateOnly(2026, 7, 4);
        Assert.Equal(NineToFive("America/Chicago", holiday), NineToFive("America/Chicago", holiday));
        Assert.NotEqual(NineToFive("America/Chicago", holiday), NineToFive("America/Chicago"));
        Assert.NotEqual(NineToFive("America/Chicago"), NineToFive("America/Denver"));
    }
}
