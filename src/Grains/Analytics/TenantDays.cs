namespace Receptionist.Grains.Analytics;

/// <summary>Analytics count in the tenant's local days; a zone this machine does not know counts as UTC (settings validate it).</summary>
public static class TenantDays
{
    public static TimeZoneInfo Zone(string timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateOnly Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
}
