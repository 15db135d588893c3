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
        var sent = await signalWire.SendMessageAsync(new SendMessageRequest(command.To, command.From)
        {
            Body = command.Body,
            MediaUrls = [.. command.MediaUrls.Select(url => new Uri(url))],
            StatusCallback = new Uri(command.StatusCallback),
        });

        var details = await GrainFactory.GetGrain<IMessageGrain>(GrainKeys.Message(sent.Sid)).RecordOutbound(new OutboundMessage
        {
            MessageSid = sent.Sid,
            TenantId = TenantId,
            From = command.From,
            To = command.To,
            Body = command.Body,
            MediaUrls = command.MediaUrls,
            Status = MessageStatuses.TryParse(sent.Status, out var status) ? status : MessageStatus.Queued,
            ErrorCode = sent.ErrorCode,
            ErrorMessage = sent.ErrorMessage,
            Price = sent.Price is { } price ? Math.Abs(price) : null,
            PriceUnit = sent.PriceUnit?.ToUpperInvariant(),
            NumSegments = sent.NumSegments,
            CreatedAt = sent.DateCreated ?? clock.GetUtcNow(),
        });
        return new SendSmsResult(SendSmsOutcome.Sent, details);
    }
}
