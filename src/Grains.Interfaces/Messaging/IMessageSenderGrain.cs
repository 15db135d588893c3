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

    /// <summary>
    /// Sends the auto-reply an inbound text's grain decided on, from the number that was texted, and records it (under
    /// SignalWire's SID, so its status callbacks apply). No opt-out check: the reply policy already made it (HELP is
    /// answered to everyone). SignalWire's failures throw <c>SignalWireException</c>.
    /// </summary>
    [Alias("send-reply")]
    Task<MessageDetails> SendReply(AutoReply reply);
}

/// <summary>The auto-reply to inbound message <see cref="InReplyTo"/>.</summary>
[GenerateSerializer, Immutable, Alias("auto-reply")]
public sealed record AutoReply(
    [property: Id(0)] string InReplyTo,
    [property: Id(1)] string From,
    [property: Id(2)] string To,
    [property: Id(3)] string Body,
    [property: Id(4)] string StatusCallback);

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
}

/// <summary><see cref="Message"/> is set when the message was sent; SignalWire's failures throw <c>SignalWireException</c>.</summary>
[GenerateSerializer, Immutable, Alias("send-sms-result")]
public sealed record SendSmsResult(
    [property: Id(0)] SendSmsOutcome Outcome,
    [property: Id(1)] MessageDetails? Message = null);
