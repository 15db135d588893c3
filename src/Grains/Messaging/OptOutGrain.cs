using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Receptionist.Grains.Events;
using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Messaging;

public sealed class OptOutGrain(
    [PersistentState(stateName: OptOutGrain.StateName, storageName: StorageNames.Default)] IPersistentState<OptOutState> state,
    CommitCompanions companions,
    EventOutbox events,
    ILogger<OptOutGrain> logger)
    : Grain, IOptOutGrain
{
    private const string StateName = "sms-opt-out";

    Task<bool> IOptOutGrain.IsOptedOut() => Task.FromResult(state.State.OptedOut);

    async Task<bool> IOptOutGrain.Change(OptOutChange change)
    {
        if (state.State.OptedOut == change.OptedOut || state.State.LastChange?.MessageSid == change.MessageSid)
        {
            return false;
        }

        // The key is optout/{tenant}/{number}; a number holds no '/', a tenant id might.
        var key = GrainKeys.IdOf(this.GetPrimaryKeyString());
        var tenantId = key[..key.LastIndexOf('/')];
        var number = key[(key.LastIndexOf('/') + 1)..];
        var optedOut = change.OptedOut
            ? await events.PrepareAsync(tenantId, WebhookEventTypes.SmsOptedOut, $"{number}/{change.MessageSid}", change.At, new
            {
                phoneNumber = number,
                keyword = change.Keyword,
                messageSid = change.MessageSid,
                optedOutAt = change.At.UtcDateTime,
            })
            : [];

        state.State.OptedOut = change.OptedOut;
        state.State.LastChange = change;
        try
        {
            await companions.WriteStateAsync(state, this.GetGrainId(), StateName, optedOut);
        }
        catch
        {
            // Memory is now ahead of storage: start over from what is durable.
            DeactivateOnIdle();
            throw;
        }

        events.Notify(tenantId, optedOut);
        logger.LogInformation("{Key}: opted {Direction} by {Keyword} in message {MessageSid}",
            this.GetPrimaryKeyString(), change.OptedOut ? "out" : "in", change.Keyword, change.MessageSid);
        return true;
    }
}
