using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Receptionist.Grains.Analytics;
using Receptionist.Grains.Events;
using Receptionist.Grains.Numbers;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.Storage;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.Messaging;

/// <summary>
/// Not reentrant, on purpose: a message gets a handful of webhooks, so serialising them costs nothing, and it keeps
/// "decide, write state, write the log row" one indivisible step per webhook. Each webhook waits for one durable write:
/// the state with its log row, analytics contribution and tenant events, in one transaction where the grain storage
/// joins them (see <see cref="CommitCompanions"/>). Reads interleave and answer from memory.
/// </summary>
public sealed class MessageGrain(
    [PersistentState(stateName: MessageGrain.StateName, storageName: StorageNames.Default)] IPersistentState<MessageState> state,
    IMessageLog messageLog,
    CommitCompanions companions,
    EventOutbox events,
    TimeProvider clock,
    ILogger<MessageGrain> logger)
    : Grain, IMessageGrain
{
    private const string StateName = "message";

    private MessageDetails? details;

    /// <summary>The analytics contribution version confirmed in this activation (not persisted; see CallGrain).</summary>
    private int? contributed;

    private string MessageSid => GrainKeys.IdOf(this.GetPrimaryKeyString());

    /// <summary>The key under which the auto-reply to inbound message <paramref name="inboundSid"/> is logged.</summary>
    public static string ReplySid(string inboundSid) => inboundSid + "-reply";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.TenantId is not null)
        {
            details = MessageProjection.Project(MessageSid, state.State);

            // Where the log row is written after the grain state, a silo that died between the two left it behind.
            if (!companions.JoinsStateWrites)
            {
                await messageLog.UpsertAsync(details.Summary, cancellationToken);
            }
        }
    }

    Task<MessageDetails?> IMessageGrain.GetDetails() => Task.FromResult(details);

    async Task<MessageWebhookOutcome> IMessageGrain.Receive(InboundMessage message)
    {
        if (state.State.TenantId is { } known)
        {
            await ContributeAsync();
            return new MessageWebhookOutcome(MessageWebhookResult.Duplicate, known);
        }

        var owner = await GrainFactory.GetGrain<IPhoneNumberGrain>(GrainKeys.PhoneNumber(message.To)).GetOwner();
        if (owner is null)
        {
            logger.LogWarning("Message {MessageSid} to {PhoneNumber}, which no tenant owns; ignored", MessageSid, message.To);
            return new MessageWebhookOutcome(MessageWebhookResult.UnknownNumber, null);
        }

        var tenantId = owner.TenantId;
        var (keyword, word) = ComplianceKeywords.Parse(message.Body);
        var optOut = GrainFactory.GetGrain<IOptOutGrain>(GrainKeys.OptOut(tenantId, message.From));
        bool optedOut;
        if (keyword is ComplianceKeyword.OptOut or ComplianceKeyword.OptIn)
        {
            // Durable before the webhook is acknowledged: a STOP must never be lost.
            optedOut = keyword == ComplianceKeyword.OptOut;
            await optOut.Change(new OptOutChange(optedOut, word, MessageSid, message.ReceivedAt));
        }
        else
        {
            optedOut = await optOut.IsOptedOut();
        }

        var settings = await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).GetSettings();
        var reply = AutoReplyPolicy.Choose(settings, keyword, message.Body, optedOut, clock.GetUtcNow());

        var s = state.State;
        s.TenantId = tenantId;
        s.Direction = "inbound";
        s.From = message.From;
        s.To = message.To;
        s.Body = message.Body;
        s.Media = [.. message.Media];
        s.NumSegments = message.NumSegments;
        s.CreatedAt = message.ReceivedAt;
        s.Reply = reply;
        s.Recorded = true;
        s.Events.Add(new MessageEvent(MessageStatus.Received, message.ReceivedAt, null));
        var received = await events.PrepareAsync(tenantId, WebhookEventTypes.SmsReceived, MessageSid, message.ReceivedAt, new
        {
            messageSid = MessageSid,
            from = message.From,
            to = message.To,
            body = message.Body,
            media = message.Media.Select(m => new { url = m.Url, contentType = m.ContentType }),
            numSegments = message.NumSegments,
            receivedAt = message.ReceivedAt.UtcDateTime,
            autoReply = reply,
        });
        await CommitAsync(received);
        events.Notify(tenantId, received);

        if (reply is not null && await SendReplyAsync(tenantId, message, reply))
        {
            return new MessageWebhookOutcome(MessageWebhookResult.Accepted, tenantId);
        }

        if (reply is not null)
        {
            await GrainFactory.GetGrain<IMessageGrain>(GrainKeys.Message(ReplySid(MessageSid))).RecordOutbound(new OutboundMessage
            {
                MessageSid = ReplySid(MessageSid),
                TenantId = tenantId,
                From = message.To,
                To = message.From,
                Body = reply,
                // Handed to SignalWire in our cXML answer; it sends it under a SID of its own, without callbacks to us.
                Status = MessageStatus.Queued,
                CreatedAt = clock.GetUtcNow(),
                InReplyTo = MessageSid,
            });
        }

        return new MessageWebhookOutcome(MessageWebhookResult.Accepted, tenantId, reply);
    }

    async Task<MessageWebhookOutcome> IMessageGrain.ApplyStatus(MessageStatusUpdate update)
    {
        var s = state.State;
        if (s.Events.Exists(e => e.Status == update.Status))
        {
            await ContributeAsync();
            return new MessageWebhookOutcome(MessageWebhookResult.Duplicate, s.TenantId);
        }

        if (IsLateFinal(update.Status))
        {
            await ContributeAsync();
            return new MessageWebhookOutcome(MessageWebhookResult.Stale, s.TenantId);
        }

        if (s.TenantId is null)
        {
            // The callback overtook our own record of the send: the tenant is the one that owns the sending number.
            var owner = string.IsNullOrEmpty(update.From)
                ? null
                : await GrainFactory.GetGrain<IPhoneNumberGrain>(GrainKeys.PhoneNumber(update.From)).GetOwner();
            if (owner is null)
            {
                logger.LogWarning("Status of message {MessageSid} from {PhoneNumber}, which no tenant owns; ignored", MessageSid, update.From);
                return new MessageWebhookOutcome(MessageWebhookResult.UnknownNumber, null);
            }

            s.TenantId = owner.TenantId;
            s.Direction = "outbound";
            s.From = update.From;
            s.To = update.To;
            s.Body = update.Body;
        }

        s.ErrorCode = update.ErrorCode ?? s.ErrorCode;
        s.Price = update.Price ?? s.Price;
        s.PriceUnit = update.PriceUnit ?? s.PriceUnit;
        s.NumSegments = update.NumSegments ?? s.NumSegments;
        AddEvent(new MessageEvent(update.Status, update.ReceivedAt, update.ErrorCode));
        await CommitAsync();
        return new MessageWebhookOutcome(MessageWebhookResult.Accepted, s.TenantId);
    }

    async Task<MessageDetails> IMessageGrain.RecordOutbound(OutboundMessage message)
    {
        var s = state.State;
        if (s.Recorded && details is not null)
        {
            return details;
        }

        if (s.TenantId is not null && s.TenantId != message.TenantId)
        {
            throw new InvalidOperationException($"Message {MessageSid} already belongs to another tenant.");
        }

        s.TenantId = message.TenantId;
        s.Direction = "outbound";
        s.From = message.From;
        s.To = message.To;
        s.Body = message.Body;
        s.Media = [.. message.MediaUrls.Select(url => new MessageMedia(url, null))];
        s.ErrorCode ??= message.ErrorCode;
        s.ErrorMessage ??= message.ErrorMessage;
        s.Price ??= message.Price;
        s.PriceUnit ??= message.PriceUnit;
        s.NumSegments ??= message.NumSegments;
        s.CreatedAt = s.Events.Count == 0 ? message.CreatedAt : Min(message.CreatedAt, s.Events.Min(e => e.OccurredAt));
        s.InReplyTo = message.InReplyTo;
        s.Recorded = true;
        if (!s.Events.Exists(e => e.Status == message.Status) && !IsLateFinal(message.Status))
        {
            AddEvent(new MessageEvent(message.Status, message.CreatedAt, message.ErrorCode));
        }

        await CommitAsync();
        return details!;
    }

    /// <summary>
    /// Sends the auto-reply through SignalWire's REST API with our status callback, so its delivery comes back and it
    /// counts as sent. False when it was not sent and the cXML answer must carry it instead: SignalWire is not
    /// configured, refused it or could not be reached. A timeout is not retried either way: the reply may have gone.
    /// </summary>
    private async Task<bool> SendReplyAsync(string tenantId, InboundMessage message, string reply)
    {
        if (message.ReplyStatusCallback is null)
        {
            return false;
        }

        try
        {
            await GrainFactory.GetGrain<IMessageSenderGrain>(GrainKeys.Tenant(tenantId))
                .SendReply(new AutoReply(MessageSid, message.To, message.From, reply, message.ReplyStatusCallback));
            return true;
        }
        catch (SignalWireException e) when (e.Kind == SignalWireFailureKind.Timeout)
        {
            logger.LogWarning("The auto-reply to message {MessageSid} got no answer from SignalWire in time; not answered again in cXML, it may have been sent", MessageSid);
            return true;
        }
        catch (SignalWireException e)
        {
            logger.LogInformation("The auto-reply to message {MessageSid} could not be sent through SignalWire's API ({Kind}: {Error}); answered in cXML",
                MessageSid, e.Kind, e.Message);
            return false;
        }
    }

    /// <summary>A second, different final status: the first one stands.</summary>
    private bool IsLateFinal(MessageStatus status)
    {
        if (status.IsFinal() && state.State.Events.Find(e => e.Status.IsFinal()) is { } final)
        {
            logger.LogWarning("Message {MessageSid} is already {Status}; ignoring a later {LateStatus}", MessageSid, final.Status.ToWire(), status.ToWire());
            return true;
        }

        return false;
    }

    private void AddEvent(MessageEvent e)
    {
        var events = state.State.Events;
        var index = events.FindIndex(existing => MessageProjection.EventOrder(existing, e) > 0);
        events.Insert(index < 0 ? events.Count : index, e);
    }

    /// <summary>
    /// The webhook's one durable write: the state with its log row, its analytics contribution (when it has a new one)
    /// and <paramref name="events"/> (tenant events, see <see cref="EventOutbox"/>), in one transaction where the storage
    /// joins them, else one after the other, all awaited: an acknowledged status is in the log and analytics too.
    /// </summary>
    private async Task CommitAsync(IReadOnlyList<ICommitCompanion>? events = null)
    {
        state.State.Version++;
        var next = MessageProjection.Project(MessageSid, state.State);
        try
        {
            var rows = new List<ICommitCompanion>(2 + (events?.Count ?? 0)) { new MessageLogRow(messageLog, next.Summary) };
            var contribution = await ContributionRowAsync(next.Summary);
            if (contribution is not null)
            {
                rows.Add(contribution);
            }

            rows.AddRange(events ?? []);
            await companions.WriteStateAsync(state, this.GetGrainId(), StateName, rows);
            details = next;
            contributed = contribution?.Contribution.Version ?? contributed;
        }
        catch
        {
            // Memory may now be ahead of storage (or the log behind it): start over from what is durable.
            DeactivateOnIdle();
            throw;
        }
    }

    private AnalyticsContribution? ContributionOf(MessageSummary m) =>
        MessageContributions.Of(m.MessageSid, m.TenantId, m.Version, m.CreatedAt, m.Direction == "inbound" ? m.To : m.From,
            m.Direction, m.Status.ToWire(), m.Price, m.PriceUnit) is { } contribution && !(contributed >= contribution.Version)
            ? contribution
            : null;

    /// <summary>
    /// The message's analytics contribution as of <paramref name="next"/>, unless it has none or this activation already
    /// made that version durable.
    /// </summary>
    private async Task<ContributionRow?> ContributionRowAsync(MessageSummary next) =>
        ContributionOf(next) is { } contribution
            ? await ContributionRows.ForAsync(contribution, GrainFactory, companions.JoinsStateWrites)
            : null;

    /// <summary>
    /// Sends the durable message's contribution unless this activation already had it confirmed: the repair of one lost
    /// between a state write and its companions, needed only where the storage does not join them.
    /// </summary>
    private async Task ContributeAsync()
    {
        if (companions.JoinsStateWrites || details?.Summary is not { } m || ContributionOf(m) is not { } contribution)
        {
            return;
        }

        await GrainFactory.GetGrain<IAnalyticsCollectorGrain>(0).Contribute(contribution);
        contributed = Math.Max(contributed ?? 0, contribution.Version);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
