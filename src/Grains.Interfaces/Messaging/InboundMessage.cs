namespace Receptionist.Grains.Messaging;

/// <summary>A text that reached one of our numbers (the number's SMS webhook), parsed and validated.</summary>
[GenerateSerializer, Immutable, Alias("inbound-message")]
public sealed record InboundMessage
{
    [Id(0)] public required string MessageSid { get; init; }

    [Id(1)] public string? AccountSid { get; init; }

    /// <summary>The sender: usually E.164, but short codes and alphanumeric senders exist.</summary>
    [Id(2)] public required string From { get; init; }

    /// <summary>Our number (E.164): it decides the tenant.</summary>
    [Id(3)] public required string To { get; init; }

    [Id(4)] public string? Body { get; init; }

    [Id(5)] public IReadOnlyList<MessageMedia> Media { get; init; } = [];

    [Id(6)] public int? NumSegments { get; init; }

    [Id(7)] public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Our public sms-status webhook: an auto-reply sent through the REST API reports its delivery there.</summary>
    [Id(8)] public string? ReplyStatusCallback { get; init; }
}
