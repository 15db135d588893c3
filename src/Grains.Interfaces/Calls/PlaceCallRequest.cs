namespace Receptionist.Grains.Calls;

/// <summary>An outbound call to place: SignalWire dials <see cref="To"/> from the tenant's <see cref="From"/> and runs <see cref="Url"/>'s cXML.</summary>
[GenerateSerializer, Immutable, Alias("place-call-request")]
public sealed record PlaceCallRequest
{
    [Id(0)] public required string To { get; init; }

    [Id(1)] public required string From { get; init; }

    /// <summary>Absolute URL of the cXML the call runs once answered.</summary>
    [Id(2)] public required string Url { get; init; }

    /// <summary>Absolute URL of our call status webhook; every progress event is subscribed.</summary>
    [Id(3)] public required string StatusCallback { get; init; }

    /// <summary>Absolute URL of our recording webhook, used when <see cref="Record"/> is set.</summary>
    [Id(4)] public string? RecordingStatusCallback { get; init; }

    [Id(5)] public bool? Record { get; init; }

    /// <summary><c>Enable</c>, <c>DetectMessageEnd</c> or null.</summary>
    [Id(6)] public string? MachineDetection { get; init; }

    [Id(7)] public int? TimeoutSeconds { get; init; }
}

[GenerateSerializer, Alias("place-call-outcome")]
public enum PlaceCallOutcome
{
    Placed,

    /// <summary>The From number is not one of the tenant's; SignalWire was not asked.</summary>
    FromNotOwned,
}

/// <summary>What placing a call did; <see cref="Call"/> is the call as recorded when it was placed.</summary>
[GenerateSerializer, Immutable, Alias("place-call-result")]
public sealed record PlaceCallResult(
    [property: Id(0)] PlaceCallOutcome Outcome,
    [property: Id(1)] CallDetails? Call);

/// <summary>A change to a live call: <see cref="Status"/> <c>completed</c> (hang up) or <c>canceled</c>, or a redirect to <see cref="Url"/>.</summary>
[GenerateSerializer, Immutable, Alias("call-change")]
public sealed record CallChange(
    [property: Id(0)] string? Status,
    [property: Id(1)] string? Url);

/// <summary>A change asked of SignalWire for a call, and the call's status in SignalWire's answer.</summary>
[GenerateSerializer, Immutable, Alias("call-control-request")]
public sealed record CallControl(
    [property: Id(0)] CallChange Change,
    [property: Id(1)] DateTimeOffset RequestedAt,
    [property: Id(2)] string AnsweredStatus);
