namespace Receptionist.Grains.Calls;

[GenerateSerializer, Alias("call-event-result")]
public enum CallEventResult
{
    /// <summary>The event changed the call and is durable.</summary>
    Accepted,

    /// <summary>Already applied before; nothing was written.</summary>
    Duplicate,

    /// <summary>Adds nothing (e.g. a second, different terminal status); nothing was written.</summary>
    Stale,

    /// <summary>The call's number belongs to no tenant; nothing was written.</summary>
    UnknownNumber,

    /// <summary>
    /// Durable, but the call's tenant is not known yet: a recording callback (which names no numbers) that overtook the
    /// call's first status callback. It shows once a status event names the tenant.
    /// </summary>
    Pending,
}

/// <summary>What applying a webhook did, and the call's tenant when known.</summary>
[GenerateSerializer, Immutable, Alias("call-event-outcome")]
public sealed record CallEventOutcome(
    [property: Id(0)] CallEventResult Result,
    [property: Id(1)] string? TenantId);
