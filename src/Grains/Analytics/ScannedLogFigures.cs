using Receptionist.Grains.Calls;
using Receptionist.Grains.Messaging;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// <see cref="ILogFigures"/> by reading the period's calls and texts page by page through the logs' own queries: for
/// the in-memory logs of a service run without PostgreSQL, where there is no SQL to aggregate with.
/// </summary>
public sealed class ScannedLogFigures(ICallLog callLog, IMessageLog messageLog) : ILogFigures
{
    private const int PageSize = 500;

    public async Task<LogFigures> CountAsync(LogFiguresQuery query, CancellationToken cancellationToken = default)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(query.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
        var hours = new long[24];
        CallCursor? afterCall = null;
        do
        {
            var page = await callLog.QueryAsync(new CallQuery { TenantId = query.TenantId, Since = query.Since, Until = query.Until, Limit = PageSize, After = afterCall },
                cancellationToken);
            foreach (var call in page.Calls.Where(c => c.Status.IsTerminal()))
            {
                hours[TimeZoneInfo.ConvertTime(call.CreatedAt, zone).Hour]++;
            }

            afterCall = page.Next;
        }
        while (afterCall is not null);

        var optOuts = new Dictionary<(DateOnly, string), long>();
        MessageLogCursor? afterMessage = null;
        do
        {
            var page = await messageLog.QueryAsync(new MessageLogQuery
            {
                TenantId = query.TenantId, Direction = "inbound", Since = query.Since, Until = query.Until, Limit = PageSize, After = afterMessage,
            }, cancellationToken);
            foreach (var message in page.Messages.Where(m => ComplianceKeywords.Parse(m.Body).Kind == ComplianceKeyword.OptOut))
            {
                var key = (DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(message.CreatedAt, zone).DateTime), message.To ?? "");
                optOuts[key] = optOuts.GetValueOrDefault(key) + 1;
            }

            afterMessage = page.Next;
        }
        while (afterMessage is not null);

        return new LogFigures(hours, [.. optOuts.Select(o => new OptOutCount(o.Key.Item1, o.Key.Item2, o.Value))]);
    }
}
