using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Models;

namespace Receptionist.Grains.CallFlow;

public sealed class CallerTextGrain(
    [PersistentState(stateName: "caller-text", storageName: StorageNames.Default)] IPersistentState<CallerTextState> state,
    SignalWireClient signalWire,
    ILogger<CallerTextGrain> logger)
    : Grain, ICallerTextGrain
{
    async Task<CallerTextResult> ICallerTextGrain.Send(CallerText text)
    {
        if (state.State.Result is { } done)
        {
            return done;
        }

        CallerTextResult result;
        if (!signalWire.IsConfigured)
        {
            result = new CallerTextResult(false, null, "SignalWire is not configured");
        }
        else
        {
            try
            {
                var message = await signalWire.SendMessageAsync(new SendMessageRequest(text.To, text.From) { Body = text.Body });
                result = new CallerTextResult(true, message.Sid, message.Status);
            }
            catch (SignalWireException e)
            {
                // Not retried: a timeout may still have sent it, and a second text is worse than none for the caller.
                logger.LogWarning(e, "Texting caller {To} from {From} failed ({Kind})", text.To, text.From, e.Kind);
                result = new CallerTextResult(false, null, e.Message);
            }
        }

        state.State.Result = result;
        await state.WriteStateAsync();
        return result;
    }
}

[GenerateSerializer, Alias("caller-text-state")]
public sealed class CallerTextState
{
    [Id(0)] public CallerTextResult? Result { get; set; }
}
