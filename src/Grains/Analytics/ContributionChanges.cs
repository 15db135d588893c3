namespace Receptionist.Grains.Analytics;

/// <summary>
/// What applying a batch of contributions changes, given what the ledger holds for the same SIDs: the ledger rows to
/// write and the differences to add to the rollups. Pure, so the PostgreSQL and in-memory stores share the rules:
/// <list type="bullet">
/// <item>a lower version than the ledger's is stale (a slower copy of an older state) and changes nothing;</item>
/// <item>the same version with the same figures and day is a re-delivery and changes nothing;</item>
/// <item>anything else replaces the ledger row: its old figures leave their old bucket, the new ones enter theirs
/// (which differ when a late event moved the start, or the tenant changed time zone).</item>
/// </list>
/// </summary>
public sealed class ContributionChanges
{
    private ContributionChanges(List<LedgerEntry> ledger, Dictionary<RollupKey, (AnalyticsCounts Counts, decimal Cost)> rollups, Dictionary<IvrRollupKey, long> ivr)
    {
        Ledger = ledger;
        Rollups = rollups;
        Ivr = ivr;
    }

    /// <summary>Ledger rows to insert or replace.</summary>
    public IReadOnlyList<LedgerEntry> Ledger { get; }

    /// <summary>Amounts to add to each rollup row (never all zero).</summary>
    public IReadOnlyDictionary<RollupKey, (AnalyticsCounts Counts, decimal Cost)> Rollups { get; }

    public IReadOnlyDictionary<IvrRollupKey, long> Ivr { get; }

    public bool IsEmpty => Ledger.Count == 0;

    public static ContributionChanges Compute(IEnumerable<LedgerEntry> incoming, IReadOnlyDictionary<(ContributionKind, string), LedgerEntry> stored)
    {
        var ledger = new List<LedgerEntry>();
        var rollups = new Dictionary<RollupKey, (AnalyticsCounts Counts, decimal Cost)>();
        var ivr = new Dictionary<IvrRollupKey, long>();
        foreach (var next in Newest(incoming))
        {
            var previous = stored.GetValueOrDefault(next.Key);
            if (previous is not null && !Supersedes(next, previous))
            {
                continue;
            }

            ledger.Add(next);
            if (previous is not null)
            {
                Add(rollups, ivr, previous, -1);
            }

            Add(rollups, ivr, next, +1);
        }

        foreach (var key in rollups.Where(r => r.Value.Counts.IsZero && r.Value.Cost == 0).Select(r => r.Key).ToList())
        {
            rollups.Remove(key);
        }

        foreach (var key in ivr.Where(r => r.Value == 0).Select(r => r.Key).ToList())
        {
            ivr.Remove(key);
        }

        return new ContributionChanges(ledger, rollups, ivr);
    }

    public static bool Supersedes(LedgerEntry next, LedgerEntry previous) =>
        next.Contribution.Version > previous.Contribution.Version
        || (next.Contribution.Version == previous.Contribution.Version
            && (next.Day != previous.Day || !next.Contribution.SameFigures(previous.Contribution)));

    /// <summary>One entry per SID: a batch may carry several versions of one call.</summary>
    private static Dictionary<(ContributionKind, string), LedgerEntry>.ValueCollection Newest(IEnumerable<LedgerEntry> incoming)
    {
        var newest = new Dictionary<(ContributionKind, string), LedgerEntry>();
        foreach (var entry in incoming)
        {
            if (!newest.TryGetValue(entry.Key, out var seen) || entry.Contribution.Version >= seen.Contribution.Version)
            {
                newest[entry.Key] = entry;
            }
        }

        return newest.Values;
    }

    private static void Add(Dictionary<RollupKey, (AnalyticsCounts Counts, decimal Cost)> rollups, Dictionary<IvrRollupKey, long> ivr, LedgerEntry entry, int sign)
    {
        var c = entry.Contribution;
        var key = new RollupKey(entry.Day, c.PhoneNumber, c.Currency);
        var (counts, cost) = rollups.GetValueOrDefault(key, (AnalyticsCounts.Zero, 0m));
        rollups[key] = sign > 0 ? (counts + c.Counts, cost + c.Cost) : (counts - c.Counts, cost - c.Cost);
        foreach (var choice in c.IvrChoices)
        {
            var ivrKey = new IvrRollupKey(entry.Day, c.PhoneNumber, choice);
            ivr[ivrKey] = ivr.GetValueOrDefault(ivrKey) + sign;
        }
    }
}
