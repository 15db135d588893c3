using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Receptionist.Grains.Messaging;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.CallFlow;

public sealed class MissedCallTextGrain(
    [PersistentState(stateName: "missed-call-text", storageName: StorageNames.Default)] IPersistentState<MissedCallTextState> state,
    TimeProvider clock,
    ILogger<MissedCallTextGrain> logger)
    : Grain, IMissedCallTextGrain
{
    async Task<bool> IMissedCallTextGrain.Offer(MissedCall call)
    {
        if (state.State.LastCallSid == call.CallSid)
        {
            return false;
        }

        var (tenantId, caller) = Identity();
        var tenant = GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId));
        var textBack = (await tenant.GetSettings()).MissedCallTextBack;
        var now = clock.GetUtcNow();
        if (!textBack.Enabled || !textBack.MaySendAgain(state.State.LastSentAt, now)
            || (await tenant.ScreenCaller(caller)).Admission == CallerAdmission.Reject)
        {
            return false;
        }

        // Decided before sending: a timeout may still have sent it, and a second text is worse than none.
        state.State.LastCallSid = call.CallSid;
        await state.WriteStateAsync();
        try
        {
            // The tenant's message sender refuses an opted-out caller, logs the text and counts it.
            var sent = await GrainFactory.GetGrain<IMessageSenderGrain>(GrainKeys.Tenant(tenantId)).Send(new SendSmsCommand
            {
                From = call.TenantNumber,
                To = caller,
                Body = textBack.Message,
                StatusCallback = call.StatusCallback,
            });
            if (sent.Outcome == SendSmsOutcome.Sent)
            {
                state.State.LastSentAt = now;
                await state.WriteStateAsync();
                return true;
            }

            logger.LogInformation("Missed call {CallSid}: caller not texted back ({Outcome})", call.CallSid, sent.Outcome);
        }
        catch (SignalWireException e)
        {
            logger.LogWarning("Texting back missed call {CallSid} failed ({Kind}): {Reason}", call.CallSid, e.Kind, e.Message);
        }

        return false;
    }

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
}
