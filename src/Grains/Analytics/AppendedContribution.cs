using System.Text.Json;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// A ledger entry as a row of <c>analytics_appended</c> holds it: tenant, kind and SID as columns, everything else as
/// one JSON text (the counters as an array in <see cref="CountColumns"/>' order), so appending stays four parameters
/// however many counters there are, and PostgreSQL never parses it.
/// </summary>
public static class AppendedContribution
{
    public static string ToEntry(LedgerEntry entry)
    {
        var c = entry.Contribution;
        return JsonSerializer.Serialize(new Figures(
            c.Version, c.OccurredAt, entry.Day, c.PhoneNumber, c.Currency, c.Cost, [.. c.IvrChoices], CountColumns.ToArray(c.Counts)));
    }

    public static LedgerEntry FromRow(string tenantId, string kind, string sid, string entry)
    {
        var f = JsonSerializer.Deserialize<Figures>(entry) ?? throw new FormatException($"empty appended contribution for {kind} {sid}");
        var contribution = new AnalyticsContribution
        {
            Kind = ContributionKinds.FromColumn(kind),
            Sid = sid,
            TenantId = tenantId,
            Version = f.Version,
            OccurredAt = f.OccurredAt,
            PhoneNumber = f.PhoneNumber,
            Currency = f.Currency,
            Cost = f.Cost,
            Counts = CountColumns.FromArray(Padded(f.Counts)),
            IvrChoices = f.Ivr,
        };
        return new LedgerEntry(contribution, f.Day);
    }

    /// <summary>
    /// A row appended by a silo of the version before a counter was added has one entry fewer; it counted zero of it.
    /// (During a rolling deploy a silo of the older version may fold rows of the newer: the new counter's entries are
    /// then left out, as they would be from its own rollups.)
    /// </summary>
    private static long[] Padded(long[] counts) =>
        counts.Length >= CountColumns.Names.Count ? counts : [.. counts, .. new long[CountColumns.Names.Count - counts.Length]];

    private sealed record Figures(
        int Version, DateTimeOffset OccurredAt, DateOnly Day, string PhoneNumber, string Currency, decimal Cost, string[] Ivr, long[] Counts);
}
