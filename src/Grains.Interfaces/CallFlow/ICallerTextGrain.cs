namespace Receptionist.Grains.CallFlow;

/// <summary>
/// One text message the IVR sends a caller (key: <see cref="Key"/>, one per call and menu step), so a repeated
/// webhook never texts twice: the first attempt's result is kept and returned.
/// </summary>
[Alias("caller-text")]
public interface ICallerTextGrain : IGrainWithStringKey
{
    [Alias("send")]
    Task<CallerTextResult> Send(CallerText text);

    public static string Key(string callSid, string step) => $"caller-text/{callSid}/{step}";
}

/// <summary>To the caller, from the number they called, sent as the tenant's message (status callbacks to <see cref="StatusCallback"/>).</summary>
[GenerateSerializer, Immutable, Alias("caller-text-request")]
public sealed record CallerText(
    [property: Id(0)] string To,
    [property: Id(1)] string From,
    [property: Id(2)] string Body,
    [property: Id(3)] string TenantId,
    [property: Id(4)] string StatusCallback);

/// <summary><see cref="Sent"/> with SignalWire's message SID, or why not (<see cref="Detail"/>).</summary>
[GenerateSerializer, Immutable, Alias("caller-text-result")]
public sealed record CallerTextResult(
    [property: Id(0)] bool Sent,
    [property: Id(1)] string? MessageSid,
    [property: Id(2)] string? Detail);
