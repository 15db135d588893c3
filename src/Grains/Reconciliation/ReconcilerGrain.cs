using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Messaging;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Models;

namespace Receptionist.Grains.Reconciliation;

/// <summary>
/// Sweeps one shard's calls and messages that never received a final status, on an Orleans reminder (ADO.NET, so the
/// sweep outlives any silo, and one activation in the cluster runs it): asks SignalWire for each one old enough and
/// applies the answer through the call's or message's grain, exactly as the lost callback would have been applied.
/// <para>
/// SignalWire failing (5xx, unreachable, timeout, refusing our credentials) ends the pass: the rest wait for the next
/// tick, and the outage is logged once, with its end. A SID SignalWire answers 404 for is remembered as unknown and never
/// asked about again; its status stays the last one we were told. A call SignalWire still reports live is asked about
/// again after <see cref="ReconciliationOptions.CallsAfter"/>, then twice that, and so on (at most six hours apart).
/// </para>
/// </summary>
public sealed class ReconcilerGrain(
    IReconciliationStore store,
    SignalWireClient signalWire,
    IOptionsMonitor<ReconciliationOptions> options,
    TimeProvider clock,
    ILogger<ReconcilerGrain> logger)
    : Grain, IReconcilerGrain, IRemindable
{
    private const string ReminderName = "sweep";

    /// <summary>How much earlier than a timed-out send SignalWire may date the reply (clocks differ).</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan LongestRecheck = TimeSpan.FromHours(6);

    private const string NotSentReason = "SignalWire did not answer the send in time and has no record of the message: it was not sent.";

    /// <summary>When SignalWire started failing, while it does: the outage is logged when it starts and when it ends.</summary>
    private DateTimeOffset? outageSince;

    private bool toldNotConfigured;

    private int Index => int.Parse(GrainKeys.IdOf(this.GetPrimaryKeyString()), System.Globalization.CultureInfo.InvariantCulture);

    async Task IReconcilerGrain.Start()
    {
        var settings = options.CurrentValue;
        if (settings.Enabled && Index < settings.Shards && await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, settings.Tick, settings.Tick);
            logger.LogInformation("Reconciliation sweeper {Shard} of {Shards} started, every {Tick}", Index, settings.Shards, settings.Tick);
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled || Index >= settings.Shards)
        {
            // Switched off, or fewer shards than before: this sweeper's reminder goes with it.
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            DeactivateOnIdle();
            return;
        }

        if (status.Period != settings.Tick)
        {
            await this.RegisterOrUpdateReminder(ReminderName, settings.Tick, settings.Tick);
        }

        if (!signalWire.IsConfigured)
        {
            if (!toldNotConfigured)
            {
                toldNotConfigured = true;
                logger.LogInformation("Reconciliation sweeper {Shard} is idle: SignalWire is not configured", Index);
            }

            return;
        }

        await SweepAsync(settings);
    }

    private async Task SweepAsync(ReconciliationOptions settings)
    {
        var now = clock.GetUtcNow();
        var shard = new Shard(Index, settings.Shards);
        var pass = new Pass(now);
        foreach (var kind in new[] { UnsettledKind.Call, UnsettledKind.Message, UnsettledKind.Reply })
        {
            var after = kind == UnsettledKind.Call ? settings.CallsAfter : settings.MessagesAfter;
            var due = await store.DueAsync(kind, shard, now - after, now - settings.GiveUpAfter, now, settings.BatchSize);
            using var slots = new SemaphoreSlim(settings.MaxConcurrentFetches);
            await Task.WhenAll(due.Select(async item =>
            {
                await slots.WaitAsync();
                try
                {
                    await CheckAsync(item, after, pass);
                }
                finally
                {
                    slots.Release();
                }
            }));

            if (pass.Failure is not null)
            {
                break;
            }
        }

        if (pass.Failure is { } failure)
        {
            if (outageSince is null)
            {
                outageSince = now;
                logger.LogWarning("Reconciliation sweeper {Shard}: SignalWire failed ({Kind}: {Error}); calls and messages are checked again every {Tick} until it answers",
                    Index, failure.Kind, failure.Message, settings.Tick);
            }
        }
        else if (outageSince is { } since)
        {
            outageSince = null;
            logger.LogInformation("Reconciliation sweeper {Shard}: SignalWire answers again after failing since {Since}", Index, since);
        }

        if (Index == 0)
        {
            await store.PruneAsync(now - settings.GiveUpAfter, settings.BatchSize * 10);
        }
    }

    /// <summary>Checks one item, unless SignalWire already failed during this pass, and remembers the outcome.</summary>
    private async Task CheckAsync(Unsettled item, TimeSpan after, Pass pass)
    {
        if (pass.Failure is not null)
        {
            return;
        }

        try
        {
            var (outcome, status) = item.Kind switch
            {
                UnsettledKind.Call => await CheckCallAsync(item, pass.Now),
                UnsettledKind.Message when item.Sid.EndsWith(MessageGrain.ReplySid(""), StringComparison.Ordinal) => await CheckCxmlReplyAsync(item, pass.Now),
                UnsettledKind.Message => await CheckMessageAsync(item, pass.Now),
                _ => await CheckPendingReplyAsync(item, pass.Now),
            };
            await store.RecordAsync(item, outcome, pass.Now + Recheck(after, item.Checks), status);
        }
        catch (SignalWireException e)
        {
            pass.Failure ??= e;
        }
        catch (Exception e)
        {
            // Our own side failed (a grain, the database): this item is due again at the next tick.
            logger.LogWarning("Reconciliation of {Kind} {Sid} failed, retried at the next tick: {Error}", item.Kind, item.Sid, e.Message);
        }
    }

    private async Task<(CheckOutcome, string?)> CheckCallAsync(Unsettled item, DateTimeOffset now)
    {
        if (await FetchAsync(() => signalWire.GetCallAsync(item.Sid)) is not { } call)
        {
            logger.LogWarning("Call {CallSid} of tenant {TenantId} is unknown to SignalWire; its status stays as last reported", item.Sid, item.TenantId);
            return (CheckOutcome.Unknown, null);
        }

        if (SignalWireFacts.ToCallEvent(call, now) is not { Status: { } status } callEvent)
        {
            return (CheckOutcome.StillOpen, call.Status);
        }

        var applied = await GrainFactory.GetGrain<ICallGrain>(GrainKeys.Call(item.Sid)).Apply(callEvent, textStatusCallback: null);
        if (!status.IsTerminal())
        {
            return (CheckOutcome.StillOpen, call.Status);
        }

        logger.LogInformation("Call {CallSid} of tenant {TenantId} reconciled from SignalWire: {CallStatus} ({Result})", item.Sid, item.TenantId, call.Status, applied.Result);
        return (CheckOutcome.Settled, call.Status);
    }

    private async Task<(CheckOutcome, string?)> CheckMessageAsync(Unsettled item, DateTimeOffset now)
    {
        if (await FetchAsync(() => signalWire.GetMessageAsync(item.Sid)) is not { } message)
        {
            logger.LogWarning("Message {MessageSid} of tenant {TenantId} is unknown to SignalWire; its status stays as last reported", item.Sid, item.TenantId);
            return (CheckOutcome.Unknown, null);
        }

        return await ApplyAsync(item, message, now);
    }

    /// <summary>
    /// An auto-reply answered in our cXML (the API could not send it): SignalWire sent it under a SID of its own and
    /// calls nobody back, so it is found in SignalWire's list of the conversation's messages. None there: not sent.
    /// </summary>
    private async Task<(CheckOutcome, string?)> CheckCxmlReplyAsync(Unsettled item, DateTimeOffset now)
    {
        if (await FindReplyAsync(item, known => known is null) is { } sent)
        {
            return await ApplyAsync(item, sent, now);
        }

        await GrainFactory.GetGrain<IMessageGrain>(GrainKeys.Message(item.Sid)).ApplyStatus(new MessageStatusUpdate
        {
            MessageSid = item.Sid, Status = MessageStatus.Failed, From = item.From, To = item.To, Body = item.Body, ReceivedAt = now,
        });
        logger.LogWarning("Auto-reply {MessageSid} of tenant {TenantId} is not in SignalWire's messages: recorded as failed", item.Sid, item.TenantId);
        return (CheckOutcome.Settled, MessageStatus.Failed.ToWire());
    }

    /// <summary>
    /// An auto-reply whose send timed out: recorded under SignalWire's SID when SignalWire has it (its status then
    /// follows like any message's), else recorded as failed under the inbound message's reply key.
    /// </summary>
    private async Task<(CheckOutcome, string?)> CheckPendingReplyAsync(Unsettled item, DateTimeOffset now)
    {
        var (from, to, body) = (item.From ?? "", item.To ?? "", item.Body ?? "");
        // A status callback may have recorded it already, without knowing it is a reply.
        if (await FindReplyAsync(item, known => known?.Summary.InReplyTo is null || known.Summary.InReplyTo == item.Sid) is { } sent)
        {
            var recorded = await GrainFactory.GetGrain<IMessageGrain>(GrainKeys.Message(sent.Sid))
                .RecordOutbound(MessageSenderGrain.Recorded(sent, item.TenantId, from, to, body, [], inReplyTo: item.Sid, now));
            logger.LogInformation("Auto-reply to message {MessageSid} of tenant {TenantId} found at SignalWire as {ReplySid}, {Status}",
                item.Sid, item.TenantId, sent.Sid, recorded.Summary.Status.ToWire());
            return (CheckOutcome.Settled, recorded.Summary.Status.ToWire());
        }

        var replySid = MessageGrain.ReplySid(item.Sid);
        await GrainFactory.GetGrain<IMessageGrain>(GrainKeys.Message(replySid)).RecordOutbound(new OutboundMessage
        {
            MessageSid = replySid,
            TenantId = item.TenantId,
            From = from,
            To = to,
            Body = body,
            Status = MessageStatus.Failed,
            ErrorMessage = NotSentReason,
            CreatedAt = item.CreatedAt,
            InReplyTo = item.Sid,
        });
        logger.LogWarning("Auto-reply to message {MessageSid} of tenant {TenantId} timed out and SignalWire has no such message: recorded as failed", item.Sid, item.TenantId);
        return (CheckOutcome.Settled, MessageStatus.Failed.ToWire());
    }

    /// <summary>Applies SignalWire's status of <paramref name="message"/> to our record <paramref name="item"/> as its callback would.</summary>
    private async Task<(CheckOutcome, string?)> ApplyAsync(Unsettled item, SignalWireMessage message, DateTimeOffset now)
    {
        if (SignalWireFacts.ToStatusUpdate(message, item.Sid, now) is not { } update)
        {
            return (CheckOutcome.StillOpen, message.Status);
        }

        var applied = await GrainFactory.GetGrain<IMessageGrain>(GrainKeys.Message(item.Sid)).ApplyStatus(update);
        if (!update.Status.IsFinal())
        {
            return (CheckOutcome.StillOpen, message.Status);
        }

        logger.LogInformation("Message {MessageSid} of tenant {TenantId} reconciled from SignalWire: {MessageStatus} ({Result})", item.Sid, item.TenantId, message.Status, applied.Result);
        return (CheckOutcome.Settled, message.Status);
    }

    /// <summary>
    /// The message of the conversation with the reply's text, sent about when the reply was (the closest first), that
    /// is not already ours as something else (<paramref name="available"/> judges our record of it, null when none):
    /// a customer answered the same way twice gets each reply matched to one message.
    /// </summary>
    private async Task<SignalWireMessage?> FindReplyAsync(Unsettled item, Func<MessageDetails?, bool> available)
    {
        var listed = await signalWire.ListMessagesAsync(new MessageQuery { From = item.From, To = item.To, MaxResults = 50, PageSize = 50 });
        var candidates = listed
            .Where(m => m.Body == item.Body && m.Sid.Length > 0 && (m.DateCreated is null || m.DateCreated >= item.CreatedAt - ClockSlack))
            .OrderBy(m => m.DateCreated is { } created ? (created - item.CreatedAt).Duration() : TimeSpan.MaxValue);
        foreach (var candidate in candidates)
        {
            if (available(await GrainFactory.GetGrain<IMessageGrain>(GrainKeys.Message(candidate.Sid)).GetDetails()))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The resource, or null when SignalWire answers 404 for it.</summary>
    private static async Task<T?> FetchAsync<T>(Func<Task<T>> fetch) where T : class
    {
        try
        {
            return await fetch();
        }
        catch (SignalWireException e) when (e.Kind == SignalWireFailureKind.Rejected && e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The wait before asking again about something still open: the threshold, doubled per check so far.</summary>
    private static TimeSpan Recheck(TimeSpan after, int checks) =>
        TimeSpan.FromTicks(Math.Min(after.Ticks << Math.Min(checks, 16), LongestRecheck.Ticks));

    /// <summary>One sweep: its time and the first SignalWire failure, which stops it.</summary>
    private sealed class Pass(DateTimeOffset now)
    {
        public DateTimeOffset Now { get; } = now;

        public SignalWireException? Failure { get; set; }
    }
}
