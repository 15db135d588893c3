namespace Receptionist.Grains.Analytics;

/// <summary>
/// Figures counted from the call and message logs when asked, rather than kept in the rollups: calls by hour of day
/// and SMS opt-outs. One indexed range scan of the tenant's rows in the period each (the logs' (tenant, created_at)
/// index), so the cost grows with the period's calls and texts, never with the tenant's history.
/// </summary>
public interface ILogFigures
{
    Task<LogFigures> CountAsync(LogFiguresQuery query, CancellationToken cancellationToken = default);
}

/// <param name="Since">First instant counted (the period's first local midnight).</param>
/// <param name="Until">First instant not counted.</param>
/// <param name="TimeZone">IANA zone whose local hours and days the figures are in.</param>
public sealed record LogFiguresQuery(string TenantId, DateTimeOffset Since, DateTimeOffset Until, string TimeZone);

/// <param name="CallsByHour">24 counts: calls that started in each local hour of the day (0 to 23), once they have an outcome, as the call totals.</param>
/// <param name="OptOuts">Texts that opted their sender out (STOP and its synonyms), by local day and the tenant's number texted.</param>
public sealed record LogFigures(IReadOnlyList<long> CallsByHour, IReadOnlyList<OptOutCount> OptOuts)
{
    public long TotalOptOuts => OptOuts.Sum(o => o.Count);
}

public sealed record OptOutCount(DateOnly Day, string PhoneNumber, long Count);
