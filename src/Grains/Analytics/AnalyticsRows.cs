namespace Receptionist.Grains.Analytics;

/// <summary>A contribution as the ledger keeps it: with the tenant-local day it was counted in.</summary>
public sealed record LedgerEntry(AnalyticsContribution Contribution, DateOnly Day)
{
    public (ContributionKind Kind, string Sid) Key => (Contribution.Kind, Contribution.Sid);
}

/// <summary>One rollup bucket: a tenant-local day, one of the tenant's numbers, one currency (empty: no price).</summary>
public readonly record struct RollupKey(DateOnly Day, string PhoneNumber, string Currency);

/// <summary>The sum of every contribution counted in one bucket.</summary>
public sealed record RollupRow(RollupKey Key, AnalyticsCounts Counts, decimal Cost);

public readonly record struct IvrRollupKey(DateOnly Day, string PhoneNumber, string Choice);

/// <summary>How often callers took one IVR choice in one bucket.</summary>
public sealed record IvrRollupRow(IvrRollupKey Key, long Taken);

/// <summary>The rollup rows a store changed, as stored after the change (or all of a tenant's, when loading).</summary>
public sealed record RollupSnapshot(IReadOnlyList<RollupRow> Rows, IReadOnlyList<IvrRollupRow> IvrRows)
{
    public static RollupSnapshot Empty { get; } = new([], []);
}
