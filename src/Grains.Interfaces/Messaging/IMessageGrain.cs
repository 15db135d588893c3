using Orleans.Concurrency;

namespace Receptionist.Grains.Messaging;

/// <summary>One SMS/MMS (key: <see cref="GrainKeys.Message"/>): records it, folds its delivery statuses, answers it.</summary>
[Alias("message")]
public interface IMessageGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records a text to one of our numbers, applies opt-out/opt-in keywords, and decides the auto-reply (logged as an
    /// outbound message). A repeat delivery changes nothing and gets no reply, so nobody is answered twice.
    /// </summary>
    [Alias("receive")]
    Task<MessageWebhookOutcome> Receive(InboundMessage message);

    /// <summary>Applies a delivery status callback: idempotent, forward only, and a final status is final.</summary>
    [Alias("apply-status")]
    Task<MessageWebhookOutcome> ApplyStatus(MessageStatusUpdate update);

    /// <summary>Records a message we sent (idempotent); status callbacks that overtook it are kept.</summary>
    [Alias("record-outbound")]
    Task<MessageDetails> RecordOutbound(OutboundMessage message);

    /// <summary>The message as last made durable, or null when this service has never accepted anything about it.</summary>
    [Alias("get-details"), AlwaysInterleave]
    Task<MessageDetails?> GetDetails();
}
