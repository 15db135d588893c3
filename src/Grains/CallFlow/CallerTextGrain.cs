using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Receptionist.Grains.Messaging;
using Receptionist.Grains.SignalWire;

namespace Receptionist.Grains.CallFlow;

public sealed class CallerTextGrain(
    [PersistentState(stateName: "caller-text", storageName: StorageNames.Default)] IPersistentState<CallerTextState> state,
    ILogger<CallerTextGrain> logger)
    : Grain, ICallerTextGrain
{
    async Task<CallerTextResult> ICallerTextGrain.Send(CallerText text)
    {
        if (state.State.Result is { } done)
        {
            return done;
        }

        // Through the tenant's message sender, like any text it sends: an opted-out caller is not texted, and the text
        // lands in the message log and the analytics.
        CallerTextResult result;
        try
        {
            var sent = await GrainFactory.GetGrain<IMessageSenderGrain>(GrainKeys.Tenant(text.TenantId)).Send(new SendSmsCommand
            {
                From = text.From,
                To = text.To,
                Body = text.Body,
                StatusCallback = text.StatusCallback,
            });
            result = sent.Outcome switch
            {
                SendSmsOutcome.Sent => new CallerTextResult(true, sent.Message?.Summary.MessageSid, sent.Message?.Summary.Status.ToWire()),
                SendSmsOutcome.RecipientOptedOut => new CallerTextResult(false, null, "the caller opted out of this business's texts"),
                _ => new CallerTextResult(false, null, "the called number is not this tenant's"),
            };
        }
        catch (SignalWireException e)
        {
            // Not retried: a timeout may still have sent it, and a second text is worse than none for the caller.
            logger.LogWarning("Texting caller {To} from {From} failed ({Kind}): {Reason}", text.To, text.From, e.Kind, e.Message);
            result = new CallerTextResult(false, null, e.Message);
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
