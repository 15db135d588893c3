using Orleans.Concurrency;

namespace Receptionist.Grains.Messaging;

/// <summary>
/// Whether one number has opted out of one tenant's texts (key: <see cref="GrainKeys.OptOut"/>). One tiny grain per
/// (tenant, number) rather than a set per tenant: a tenant may text hundreds of thousands of people, and a set would be
/// rewritten whole on every STOP and would serialise every send of the tenant through one activation; this way each
/// check and change touches only the row of the number concerned.
/// </summary>
[Alias("sms-opt-out")]
public interface IOptOutGrain : IGrainWithStringKey
{
    [Alias("is-opted-out"), ReadOnly]
    Task<bool> IsOptedOut();

    /// <summary>Opts out or back in; durable when it returns. Returns whether anything changed.</summary>
    [Alias("change")]
    Task<bool> Change(OptOutChange change);
}

/// <summary>A STOP-like (<see cref="OptedOut"/>) or START-like keyword, and the message that carried it.</summary>
[GenerateSerializer, Immutable, Alias("opt-out-change")]
public sealed record OptOutChange(
    [property: Id(0)] bool OptedOut,
    [property: Id(1)] string Keyword,
    [property: Id(2)] string MessageSid,
    [property: Id(3)] DateTimeOffset At);
