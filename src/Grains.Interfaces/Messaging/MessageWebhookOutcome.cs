namespace Receptionist.Grains.Messaging;

[GenerateSerializer, Alias("message-webhook-result")]
public enum MessageWebhookResult
{
    /// <summary>The webhook changed the message and is durable.</summary>
    Accepted,

    /// <summary>Already applied before; nothing was written.</summary>
    Duplicate,

    /// <summary>Adds nothing (a second, different final status); nothing was written.</summary>
    Stale,

    /// <summary>The message's number belongs to no tenant; nothing was written.</summary>
    UnknownNumber,
}

/// <summary>What applying a webhook did, the message's tenant when known, and the auto-reply to answer with (if any).</summary>
[GenerateSerializer, Immutable, Alias("message-webhook-outcome")]
public sealed record MessageWebhookOutcome(
    [property: Id(0)] MessageWebhookResult Result,
    [property: Id(1)] string? TenantId,
    [property: Id(2)] string? Reply = null);
