namespace Receptionist.Grains.Analytics;

/// <summary>What a contribution to a tenant's analytics comes from; with the SID it names the contribution.</summary>
[GenerateSerializer, Alias("analytics-contribution-kind")]
public enum ContributionKind
{
    Call,
    Message,
}
