namespace Receptionist.Grains.Numbers;

/// <summary>The tenant a number belongs to, and SignalWire's SID for it.</summary>
[GenerateSerializer, Immutable, Alias("phone-number-owner")]
public sealed record PhoneNumberOwner(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string NumberSid,
    [property: Id(2)] DateTimeOffset AssignedAt);
