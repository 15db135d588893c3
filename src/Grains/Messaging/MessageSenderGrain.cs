using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Receptionist.Grains.Numbers;
using Receptionist.Grains.Observability;
using Receptionist.Grains.Reconciliation;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Models;

namespace Receptionist.Grains.Messaging;

/// <summary>
/// Stateless and reentrant: it holds nothing, and most of a send is waiting for SignalWire, so one activation per silo
/// serves any number of concurrent sends of its tenant.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class MessageSenderGrain(
    SignalWireClient signalWire,
    IPendingReplies pendingReplies,
    TimeProvider clock,
    ILogger<MessageSenderGrain> logger,
    ReceptionistTelemetry telemetry)
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

    /// <summary>
    /// A send that timed out may or may not have created the reply at SignalWire, and sending again could text twice:
    /// the reply is handed to the reconciliation sweep, which looks it up in SignalWire's message list later and records
    /// it under SignalWire's SID, or as failed when SignalWire has no such message.
    /// </summary>
    async Task<MessageDetails> IMessageSenderGrain.SendReply(AutoReply reply)
    {
        try
        {
            return await SendAndRecordAsync(reply.From, reply.To, reply.Body, [], reply.StatusCallback, reply.InReplyTo);
        }
        catch (SignalWireException e) when (e.Kind == SignalWireFailureKind.Timeout)
        {
            var now = clock.GetUtcNow();
            await pendingReplies.AddAsync(new PendingReply(reply.InReplyTo, TenantId, reply.From, reply.To, reply.Body, now), now);
            throw;
        }
    }

    /// <summary>The record of a message SignalWire accepted (or, for a reconciled auto-reply, reports), under its SID.</summary>
    public static OutboundMessage Recorded(SignalWireMessage sent, string tenantId, string from, string to, string? body,
        IReadOnlyList<string> mediaUrls, string? inReplyTo, DateTimeOffset now) => new()
    {
        MessageSid = sent.Sid,
        TenantId = tenantId,
        From = from,
        To = to,
        Body = body,
        MediaUrls = mediaUrls,
        Status = MessageStatuses.TryParse(sent.Status, out var status) ? status : MessageStatus.Queued,
        ErrorCode = sent.ErrorCode is null or "" or "0" ? null : sent.ErrorCode,
        ErrorMessage = sent.ErrorMessage,
        Price = sent.Price is { } price ? Math.Abs(price) : null,
        PriceUnit = sent.PriceUnit?.ToUpperInvariant(),
        NumSegments = sent.NumSegments,
        CreatedAt = sent.DateCreated ?? now,
        InReplyTo = inReplyTo,
    };

    private async Task<MessageDetails> SendAndRecordAsync(string from, string to, string? body, IReadOnlyList<string> mediaUrls, string statusCallback, string? inReplyTo)
    {
        var sent = await signalWire.SendMessageAsync(new SendMessageRequest(to, from)
        {
            Body = body,
            MediaUrls = [.. mediaUrls.Select(url => new Uri(url))],
            StatusCallback = new Uri(statusCallback),
        });

        return await GrainFactory.GetGrain<IMessageGrain>(GrainKeys.Message(sent.Sid))
            .RecordOutbound(Recorded(sent, TenantId, from, to, body, mediaUrls, inReplyTo, clock.GetUtcNow()));
    }
}
