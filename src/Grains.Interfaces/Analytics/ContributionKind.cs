namespace Receptionist.Grains.Analytics;

/// <summary>What a contribution to a tenant's analytics comes from; with the SID it names the contribution.</summary>
[GenerateSerializer, Alias("analytics-contribution-kind")]
public enum ContributionKind
{
    Call,
    Message,

    /// <summary>A call's post-call report (SID: the call's): the AI agent's outcome.</summary>
    Report,

    /// <summary>A missed call's text-back (SID: the missed call's), counted once it was sent.</summary>
    TextBack,
}

public static class ContributionKinds
{
    /// <summary>The kind as the ledger's <c>kind</c> column spells it.</summary>
    public static string ToColumn(this ContributionKind kind) => kind switch
    {
        ContributionKind.Call => "call",
        ContributionKind.Message => "message",
        ContributionKind.Report => "report",
        ContributionKind.TextBack => "text-back",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static ContributionKind FromColumn(string name) => name switch
    {
        "call" => ContributionKind.Call,
        "message" => ContributionKind.Message,
        "report" => ContributionKind.Report,
        "text-back" => ContributionKind.TextBack,
        _ => throw new InvalidOperationException($"analytics ledger row of unknown kind '{name}'"),
    };
}
