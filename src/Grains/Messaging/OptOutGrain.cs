using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Receptionist.Grains.Messaging;

public sealed class OptOutGrain(
    [PersistentState(stateName: "sms-opt-out", storageName: StorageNames.Default)] IPersistentState<OptOutState> state,
    ILogger<OptOutGrain> logger)
    : Grain, IOptOutGrain
{
    Task<bool> IOptOutGrain.IsOptedOut() => Task.FromResult(state.State.OptedOut);

    async Task<bool> IOptOutGrain.Change(OptOutChange change)
    {
        if (state.State.OptedOut == change.OptedOut || state.State.LastChange?.MessageSid == change.MessageSid)
        {
            return false;
        }

        state.State.OptedOut = change.OptedOut;
        state.State.LastChange = change;
        await state.WriteStateAsync();
        logger.LogInformation("{Key}: opted {Direction} by {Keyword} in message {MessageSid}",
            this.GetPrimaryKeyString(), change.OptedOut ? "out" : "in", change.Keyword, change.MessageSid);
        return true;
    }
}
