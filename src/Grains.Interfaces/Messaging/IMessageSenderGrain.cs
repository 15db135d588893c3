namespace Receptionist.Grains.Messaging;

/// <summary>
/// Sends a tenant's texts through SignalWire (key: <see cref="GrainKeys.Tenant"/>, which is the only tenant it sends
/// for). A message SID exists only once SignalWire accepted the message, so this stateless grain asks SignalWire and
/// then hands what it answered to that message's <see cref="IMessageGrain"/>.
/// </summary>
[Alias("message-sender")]
public interface IMessageSenderGrain : IGrainWithStringKey
{
    /// <summary>Refuses, before SignalWire is called, a From the tenant does not own and a recipient who opted out.</summary>
    [Alias("send")]
    Task<SendSmsResult> Send(SendSmsCommand command);
}

/// <summary>An SMS (body) or MMS (media URLs) to send; <see cref="StatusCallback"/> is our public sms-status webhook.</summary>
[GenerateSerializer, Immutable, Alias("send-sms-command")]
public sealed record SendSmsCommand
{
    [Id(0)] public required string From { get; init; }

    [Id(1)] public required string To { get; init; }

    [Id(2)] public string? Body { get; init; }

    [Id(3)] public IReadOnlyList<string> MediaUrls { get; init; } = [];

    [Id(4)] public required string StatusCallback { get; init; }
}

[GenerateSerializer, Alias("send-sms-outcome")]
public enum SendSmsOutcome
{
    Sent,
    NumberNotOwned,
    RecipientOptedOut,
    SignalWireFailed,
}

/// <summary>Exactly one of <see cref="Message"/> (sent) and <see cref="Failure"/> (SignalWire failed) is set for those outcomes.</summary>
[GenerateSerializer, Immutable, Alias("send-sms-result")]
public sealed record SendSmsResult(
    [property: Id(0)] SendSmsOutcome Outcome,
    [property: Id(1)] MessageDetails? Message = null,
    [property: Id(2)] SendFailure? Failure = null);

[GenerateSerializer, Alias("send-failure-kind")]
public enum SendFailureKind
{
    /// <summary>SignalWire refused the request (4xx).</summary>
    Rejected,

    /// <summary>SignalWire answered 5xx or an unreadable body, or could not be reached.</summary>
    Upstream,

    Timeout,

    NotConfigured,
}

/// <summary>Why SignalWire did not take a message: its HTTP status, error code and message when it answered.</summary>
[GenerateSerializer, Immutable, Alias("send-failure")]
public sealed record SendFailure(
    [property: Id(0)] SendFailureKind Kind,
    [property: Id(1)] string Message,
    [property: Id(2)] int? HttpStatus = null,
    [property: Id(3)] int? Code = null,
    [property: Id(4)] string? MoreInfo = null);
