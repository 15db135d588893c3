using System.Globalization;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// A tenant's rollup rows as the store holds them (a few per day and number, however many calls there were), loaded
/// for each report, so a report is a walk over at most a year of rows, never a scan of calls, and never a second sum
/// that could drift from the database.
/// </summary>
public sealed class TenantRollups
{
    private readonly Dictionary<RollupKey, RollupRow> rows = [];
    private readonly Dictionary<IvrRollupKey, long> ivr = [];

    public TenantRollups(RollupSnapshot snapshot) => Apply(snapshot);

    public void Apply(RollupSnapshot snapshot)
    {
        foreach (var row in snapshot.Rows)
        {
            rows[row.Key] = row;
        }

        foreach (var row in snapshot.IvrRows)
        {
            ivr[row.Key] = row.Taken;
        }
    }

    public AnalyticsReport Report(DateOnly from, DateOnly to, AnalyticsGrouping groupBy)
    {
        var inRange = rows.Values.Where(r => r.Key.Day >= from && r.Key.Day <= to).ToList();
        var ivrInRange = ivr.Where(r => r.Key.Day >= from && r.Key.Day <= to).ToList();
        var totals = Sum(inRange, ivrInRange);
        IReadOnlyList<AnalyticsGroup> groups = groupBy switch
        {
            // Every day of the range, empty ones too: a chart needs its zeros.
            AnalyticsGrouping.Day => [.. Days(from, to).Select(day => new AnalyticsGroup(
                day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Sum(inRange.Where(r => r.Key.Day == day), ivrInRange.Where(r => r.Key.Day == day))))],
            AnalyticsGrouping.Number => [.. inRange.Select(r => r.Key.PhoneNumber)
                .Concat(ivrInRange.Select(r => r.Key.PhoneNumber))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(number => new AnalyticsGroup(number,
                    Sum(inRange.Where(r => r.Key.PhoneNumber == number), ivrInRange.Where(r => r.Key.PhoneNumber == number))))],
            _ => [],
        };
        return new AnalyticsReport(from, to, totals, groups);
    }

    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to)
    {
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static AnalyticsFigures Sum(IEnumerable<RollupRow> rollups, IEnumerable<KeyValuePair<IvrRollupKey, long>> choices)
    {
        var counts = AnalyticsCounts.Zero;
        var cost = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var row in rollups)
        {
            counts += row.Counts;
            if (row.Key.Currency.Length > 0)
            {
                cost[row.Key.Currency] = cost.GetValueOrDefault(row.Key.Currency) + row.Cost;
            }
        }

        var taken = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in choices)
        {
            taken[key.Choice] = taken.GetValueOrDefault(key.Choice) + count;
        }

        return new AnalyticsFigures(counts, cost, taken);
    }
}
