using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Receptionist.Grains.Numbers;
using Receptionist.Grains.Observability;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Models;

namespace Receptionist.Grains.Messaging;

/// <summary>
/// Stateless and reentrant: it holds nothing, and most of a send is waiting for SignalWire, so one activation per silo
/// serves any number of concurrent sends of its tenant.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class MessageSenderGrain(SignalWireClient signalWire, TimeProvider clock, ILogger<MessageSenderGrain> logger, ReceptionistTelemetry telemetry)
    : Grain, IMessageSenderGrain
{
    private string TenantId => GrainKeys.IdOf(this.GetPrimaryKeyString());

    async Task<SendSmsResult> IMessageSenderGrain.Send(SendSmsCommand command)
    {
        var owner = await GrainFactory.GetGrain<IPhoneNumberGrain>(GrainKeys.PhoneNumber(command.From)).GetOwner();
        if (owner?.TenantId != TenantId)
        {
            return new SendSmsResult(SendSmsOutcome.NumberNotOwned);
        }

        if (await GrainFactory.GetGrain<IOptOutGrain>(GrainKeys.OptOut(TenantId, command.To)).IsOptedOut())
        {
            telemetry.RecordOptOutRefusal();
            logger.LogInformation("Refused a message from {From} to {To}: the recipient opted out of tenant {TenantId}", command.From, command.To, TenantId);
            return new SendSmsResult(SendSmsOutcome.RecipientOptedOut);
        }

        // A SignalWireException propagates to the API's one SignalWire problem mapping; nothing was recorded yet.
        var details = await SendAndRecordAsync(command.From, command.To, command.Body, command.MediaUrls, command.StatusCallback, inReplyTo: null);
        return new SendSmsResult(SendSmsOutcome.Sent, details);
    }

    Task<MessageDetails> IMessageSenderGrain.SendReply(AutoReply reply) =>
        SendAndRecordAsync(reply.From, reply.To, reply.Body, [], reply.StatusCallback, reply.InReplyTo);

    private async Task<MessageDetails> SendAndRecordAsync(string from, string to, string? body, IReadOnlyList<string> mediaUrls, string statusCallback, string? inReplyTo)
    {
        var sent = await signalWire.SendMessageAsync(new SendMessageRequest(to, from)
        {
            Body = body,
            MediaUrls = [.. mediaUrls.Select(url => new Uri(url))],
            StatusCallback = new Uri(statusCallback),
        });

        return await GrainFactory.GetGrain<IMessageGrain>(GrainKeys.Message(sent.Sid)).RecordOutbound(new OutboundMessage
        {
            MessageSid = sent.Sid,
            TenantId = TenantId,
            From = from,
            To = to,
            Body = body,
            MediaUrls = mediaUrls,
            Status = MessageStatuses.TryParse(sent.Status, out var status) ? status : MessageStatus.Queued,
            ErrorCode = sent.ErrorCode,
            ErrorMessage = sent.ErrorMessage,
            Price = sent.Price is { } price ? Math.Abs(price) : null,
            PriceUnit = sent.PriceUnit?.ToUpperInvariant(),
            NumSegments = sent.NumSegments,
            CreatedAt = sent.DateCreated ?? clock.GetUtcNow(),
            InReplyTo = inReplyTo,
        });
    }
}
