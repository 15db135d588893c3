namespace Receptionist.Grains.CallFlow;

/// <summary>
/// A tenant's missed-call texts to one caller (key: <see cref="Key"/>): it remembers when it last texted them, so the
/// tenant's repeat window holds across calls, and which call it last decided for, so a repeated callback of that call
/// sends nothing more.
/// </summary>
[Alias("missed-call-text")]
public interface IMissedCallTextGrain : IGrainWithStringKey
{
    /// <summary>Texts the caller of <paramref name="call"/> the tenant's text-back, if it is on and may be sent; whether it was.</summary>
    [Alias("offer")]
    Task<bool> Offer(MissedCall call);

    public static string Key(string tenantId, string caller) => $"missed-call-text/{tenantId}/{caller}";
}

/// <summary>A call the caller hung up unanswered or in the menu: its SID, the tenant's number it called, our sms-status webhook.</summary>
[GenerateSerializer, Immutable, Alias("missed-call")]
public sealed record MissedCall(
    [property: Id(0)] string CallSid,
    [property: Id(1)] string TenantNumber,
    [property: Id(2)] string StatusCallback);
