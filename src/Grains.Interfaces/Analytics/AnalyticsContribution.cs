namespace Receptionist.Grains.Analytics;

/// <summary>
/// What one call or message adds to its tenant's analytics: a pure function of that call's (message's) durable state,
/// so it can be sent again at any time and always means the same. The tenant keeps one per (kind, SID) and replaces it
/// when a higher <see cref="Version"/> arrives (a late price, a late event that moves the day), subtracting the old
/// one from the rollups and adding the new: a contribution is counted exactly once, however often it is delivered.
/// </summary>
[GenerateSerializer, Immutable, Alias("analytics-contribution")]
public sealed record AnalyticsContribution
{
    [Id(0)] public required ContributionKind Kind { get; init; }

    [Id(1)] public required string Sid { get; init; }

    [Id(2)] public required string TenantId { get; init; }

    /// <summary>Grows with every change of the source (a call's accepted event count); a lower one is stale.</summary>
    [Id(3)] public required int Version { get; init; }

    /// <summary>The instant that decides the day bucket (in the tenant's time zone): when the call or message started.</summary>
    [Id(4)] public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The tenant's own number on it (the dialled one inbound, the caller ID outbound); empty if unknown.</summary>
    [Id(5)] public required string PhoneNumber { get; init; }

    [Id(6)] public required AnalyticsCounts Counts { get; init; }

    /// <summary>What it cost, in <see cref="Currency"/>; zero until SignalWire reports a price.</summary>
    [Id(7)] public decimal Cost { get; init; }

    /// <summary>ISO 4217, upper case; empty when there is no price.</summary>
    [Id(8)] public string Currency { get; init; } = "";

    /// <summary>The IVR options the caller chose, in order (empty until the call grain records IVR steps).</summary>
    [Id(9)] public IReadOnlyList<string> IvrChoices { get; init; } = [];

    /// <summary>Same contribution, ignoring the version: a re-delivery of it changes nothing.</summary>
    public bool SameFigures(AnalyticsContribution other) =>
        OccurredAt == other.OccurredAt && PhoneNumber == other.PhoneNumber && Counts == other.Counts && Cost == other.Cost
        && Currency == other.Currency && IvrChoices.SequenceEqual(other.IvrChoices, StringComparer.Ordinal);
}
