namespace Receptionist.Api.Analytics;

/// <summary>A tenant's local days as instants, for the log queries of a report's period.</summary>
internal static class LocalDays
{
    /// <summary>The tenant's zone; one this machine does not know counts as UTC (as the rollups count it).</summary>
    public static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The zone's IANA name, which PostgreSQL knows (a Windows name found through ICU is converted).</summary>
    public static string IanaId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : "UTC";

    /// <summary>The instant <paramref name="day"/> begins in <paramref name="zone"/> (where midnight is skipped by a clock change, the first hour that exists).</summary>
    public static DateTimeOffset Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
