using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Receptionist.Grains.Analytics;
using Receptionist.Grains.Events;
using Receptionist.Grains.Messaging;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.Storage;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.CallFlow;

/// <summary>
/// Owes a caller one text per missed call and keeps the debt durable until it is paid: the decision (the text is owed)
/// is written, with a reminder registered beside it, before the send. A send that fails because SignalWire is down or
/// answered 5xx, or a silo that dies mid-send, leaves the debt to the reminder, which sends it on a surviving silo
/// (first after <see cref="FirstRetry"/> or the wake period if shorter, then every <see cref="WebhookOptions.WakePeriod"/>)
/// until <see cref="GiveUpAfter"/>. The text is counted (a text-back contribution) in the same write that records it sent.
/// A send that timed out is not repeated: SignalWire may have sent it, and a second text is worse than none.
/// </summary>
public sealed class MissedCallTextGrain(
    [PersistentState(stateName: MissedCallTextGrain.StateName, storageName: StorageNames.Default)] IPersistentState<MissedCallTextState> state,
    CommitCompanions companions,
    IOptions<WebhookOptions> wake,
    TimeProvider clock,
    ILogger<MissedCallTextGrain> logger)
    : Grain, IMissedCallTextGrain, IRemindable
{
    /// <summary>"Sorry we missed you" long after the call reads as spam: a text still owed this late is dropped.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(15);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(10);

    private const string StateName = "missed-call-text";
    private const string ReminderName = "text-back";

    async Task<bool> IMissedCallTextGrain.Offer(MissedCall call)
    {
        if (state.State.LastCallSid == call.CallSid)
        {
            // A repeated callback while this call's text is still owed pays it now rather than at the next reminder (and
            // makes sure there is one: the first callback may have failed between writing the debt and registering it).
            if (state.State.Owed?.CallSid != call.CallSid)
            {
                return false;
            }

            await RemindAsync();
            return await PayAsync(await CurrentSettingsAsync());
        }

        var tenant = Tenant();
        var textBack = (await tenant.GetSettings()).MissedCallTextBack;
        if (!textBack.Enabled || !textBack.MaySendAgain(state.State.LastSentAt, clock.GetUtcNow())
            || (await tenant.ScreenCaller(Identity().Caller)).Admission == CallerAdmission.Reject)
        {
            return false;
        }

        // Decided before sending: the debt and its durable wake-up exist before SignalWire is asked (one newer call
        // takes the place of an older one still owed: the caller gets one text).
        state.State.LastCallSid = call.CallSid;
        state.State.Owed = new OwedText(call.CallSid, call.TenantNumber, call.StatusCallback, clock.GetUtcNow());
        await Task.WhenAll(WriteAsync([]), RemindAsync());
        return await PayAsync(textBack);
    }

    private Task<IGrainReminder> RemindAsync()
    {
        var period = wake.Value.WakePeriod;
        return this.RegisterOrUpdateReminder(ReminderName, FirstRetry < period ? FirstRetry : period, period);
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Owed is not null)
        {
            await PayAsync(await CurrentSettingsAsync());
        }

        if (state.State.Owed is null && await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Sends the owed text unless it may no longer go (too late, turned off, the caller blocked since; an opted-out
    /// caller is refused by the tenant's sender); whether it was sent. The debt stays only when SignalWire surely did not send.
    /// </summary>
    private async Task<bool> PayAsync(MissedCallTextBack? textBack)
    {
        var owed = state.State.Owed!;
        var (tenantId, caller) = Identity();
        var now = clock.GetUtcNow();
        if (textBack is not { Enabled: true } || now - owed.DecidedAt > GiveUpAfter)
        {
            logger.LogWarning("Missed call {CallSid}: text-back dropped ({Reason})", owed.CallSid, textBack is { Enabled: true } ? "too late" : "turned off or refused");
            state.State.Owed = null;
            await WriteAsync([]);
            return false;
        }

        // Prepared before sending: once SignalWire took the text, only the state write (which carries the count) remains.
        var counted = await ContributionRows.ForAsync(Counted(tenantId, owed, now), GrainFactory, companions.JoinsStateWrites);
        try
        {
            var sent = await GrainFactory.GetGrain<IMessageSenderGrain>(GrainKeys.Tenant(tenantId)).Send(new SendSmsCommand
            {
                From = owed.TenantNumber,
                To = caller,
                Body = textBack.Message,
                StatusCallback = owed.StatusCallback,
            });
            state.State.Owed = null;
            if (sent.Outcome == SendSmsOutcome.Sent)
            {
                state.State.LastSentAt = now;
                await WriteAsync([counted]);
                return true;
            }

            logger.LogInformation("Missed call {CallSid}: caller not texted back ({Outcome})", owed.CallSid, sent.Outcome);
            await WriteAsync([]);
        }
        catch (SignalWireException e) when (e.Kind == SignalWireFailureKind.Upstream && (e.StatusCode is null || e.StatusCode >= HttpStatusCode.InternalServerError))
        {
            logger.LogWarning("Texting back missed call {CallSid} failed ({Reason}); the reminder retries", owed.CallSid, e.Message);
        }
        catch (SignalWireException e)
        {
            logger.LogWarning("Texting back missed call {CallSid} failed ({Kind}): {Reason}; not retried", owed.CallSid, e.Kind, e.Message);
            state.State.Owed = null;
            await WriteAsync([]);
        }

        return false;
    }

    /// <summary>The tenant's text-back as it stands, or null when it is off or the caller is refused now.</summary>
    private async Task<MissedCallTextBack?> CurrentSettingsAsync()
    {
        var tenant = Tenant();
        var textBack = (await tenant.GetSettings()).MissedCallTextBack;
        return textBack.Enabled && (await tenant.ScreenCaller(Identity().Caller)).Admission != CallerAdmission.Reject ? textBack : null;
    }

    /// <summary>One text-back in the tenant's analytics, on the day it was sent, for the number it was sent from.</summary>
    private static AnalyticsContribution Counted(string tenantId, OwedText owed, DateTimeOffset sentAt) => new()
    {
        Kind = ContributionKind.TextBack,
        Sid = owed.CallSid,
        TenantId = tenantId,
        Version = 1,
        OccurredAt = sentAt,
        PhoneNumber = owed.TenantNumber,
        Counts = new AnalyticsCounts { TextedBack = 1 },
    };

    private async Task WriteAsync(IReadOnlyList<ICommitCompanion> rows)
    {
        try
        {
            await companions.WriteStateAsync(state, this.GetGrainId(), StateName, rows);
        }
        catch
        {
            // Memory may now be ahead of storage: start over from what is durable.
            DeactivateOnIdle();
            throw;
        }
    }

    private ITenantGrain Tenant() => GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(Identity().TenantId));

    private (string TenantId, string Caller) Identity()
    {
        var rest = GrainKeys.IdOf(this.GetPrimaryKeyString());
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        return (rest[..slash], rest[(slash + 1)..]);
    }
}

[GenerateSerializer, Alias("missed-call-text-state")]
public sealed class MissedCallTextState
{
    /// <summary>The call the last decision was for.</summary>
    [Id(0)] public string? LastCallSid { get; set; }

    /// <summary>When this caller was last texted back (the repeat window counts from it).</summary>
    [Id(1)] public DateTimeOffset? LastSentAt { get; set; }

    /// <summary>The text decided and not yet sent (nor given up on).</summary>
    [Id(2)] public OwedText? Owed { get; set; }
}

/// <summary>A text-back decided for a missed call: from which of the tenant's numbers, with which status webhook, when.</summary>
[GenerateSerializer, Immutable, Alias("owed-text")]
public sealed record OwedText(
    [property: Id(0)] string CallSid,
    [property: Id(1)] string TenantNumber,
    [property: Id(2)] string StatusCallback,
    [property: Id(3)] DateTimeOffset DecidedAt);
