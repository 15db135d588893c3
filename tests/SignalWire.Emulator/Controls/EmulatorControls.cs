using SignalWire.Emulator.Playout;
using SignalWire.Emulator.State;
using SignalWire.Emulator.Voice;

namespace SignalWire.Emulator.Controls;

/// <summary>What a test (or the /_emulator HTTP surface) can make the emulator do.</summary>
public sealed class EmulatorControls
{
    private readonly EmulatorState state;
    private readonly InboundCallPlayer inbound;
    private readonly MessageLifecycle messages;

    internal EmulatorControls(EmulatorState state, InboundCallPlayer inbound, MessageLifecycle messages)
    {
        this.state = state;
        this.inbound = inbound;
        this.messages = messages;
    }

    /// <summary>Answers the next <paramref name="count"/> requests of <paramref name="route"/> with an error in either shape.</summary>
    public void FailNext(string route, int count, int statusCode, ErrorShape shape = ErrorShape.Standard, int? code = null, string? message = null) =>
        state.AddFault(new Fault(route, count, statusCode, shape, code, message));

    /// <summary>Delays the next <paramref name="count"/> requests of <paramref name="route"/>, which then succeed normally.</summary>
    public void DelayNext(string route, int count, TimeSpan delay) => state.AddFault(new Fault(route, count, Delay: delay));

    /// <summary>
    /// Carries out the next <paramref name="count"/> requests of <paramref name="route"/> at once but answers them only
    /// after <paramref name="delay"/>: a client timing out meanwhile caused what it cannot know about.
    /// </summary>
    public void AnswerLateNext(string route, int count, TimeSpan delay) => state.AddFault(new Fault(route, count, Delay: delay, AnswerLate: true));

    public void AddFault(Fault fault) => state.AddFault(fault);

    public void ClearFaults() => state.ClearFaults();

    /// <summary>The next call created (whatever its destination) plays out this way.</summary>
    public void ScriptNextCall(CallScript script) => state.ScriptNextCall(script);

    /// <summary>Every call to <paramref name="number"/> plays out this way (after any "next call" scripts are used up).</summary>
    public void ScriptCallsTo(string number, CallScript script) => state.ScriptCallsTo(number, script);

    public void ScriptMessagesTo(string number, MessageScript script) => state.ScriptMessagesTo(number, script);

    /// <summary>Duplicates, reverses or drops the status callbacks of calls and messages started from now on.</summary>
    public void SetCallbackDelivery(CallbackDelivery delivery) => state.Delivery = delivery;

    /// <summary>
    /// The next <paramref name="count"/> terminal status callbacks (a call's completed, a message's delivered,
    /// undelivered or failed), whichever calls or messages they belong to, are lost; the REST API still reports the
    /// final state. See <see cref="EmulatorState.LostCallbacks"/> for which ones.
    /// </summary>
    public void LoseNextTerminalCallbacks(int count = 1) => state.LoseTerminalCallbacks(count);

    public NumberView AddOwnedNumber(string phoneNumber, string? voiceUrl = null, string? smsUrl = null, string? statusCallback = null) =>
        state.AddOwnedNumber(phoneNumber, voiceUrl, smsUrl, statusCallback);

    public void AddNumberForSale(string phoneNumber, string region = "NY", bool tollFree = false) => state.AddNumberForSale(phoneNumber, region, tollFree);

    /// <summary>
    /// Someone dials an owned number: its VoiceUrl gets a signed voice request, and the answer plays until the call
    /// waits for the caller (a Gather, a Dial, a Record, an AI agent) or ends. Steer it with the returned handle.
    /// </summary>
    public async Task<EmulatedCall> DialInAsync(string to, string from, CancellationToken cancellationToken = default)
    {
        var (progress, answer) = await inbound.StartAsync(OwnedNumber(to), from, cancellationToken);
        return new EmulatedCall(inbound, progress, answer?.StatusCode, answer?.ResponseBody);
    }

    /// <summary>As <see cref="DialInAsync"/>, reporting what the VoiceUrl answered (a null status: no answer).</summary>
    public async Task<InboundCallResult> SimulateInboundCallAsync(string to, string from, CancellationToken cancellationToken = default)
    {
        var call = await DialInAsync(to, from, cancellationToken);
        return new InboundCallResult(call.CallSid, call.AnswerStatusCode, call.AnswerBody, call.Progress);
    }

    /// <summary>The handle of an inbound call started earlier (e.g. through the HTTP controls).</summary>
    public EmulatedCall InboundCall(string callSid) => new(inbound, inbound.Progress(callSid), null, null);

    /// <summary>Someone texts an owned number: its SmsUrl gets a signed webhook (with MediaUrl0… for MMS).</summary>
    public Task<InboundMessageResult> SimulateInboundMessageAsync(string to, string from, string? body, IReadOnlyList<string>? mediaUrls = null, CancellationToken cancellationToken = default) =>
        messages.ReceiveAsync(OwnedNumber(to), from, body, mediaUrls ?? [], cancellationToken);

    /// <summary>Waits until a call reaches <paramref name="status"/> (e.g. in-progress), for tests that act mid-call.</summary>
    public async Task<CallView> WaitForCallStatusAsync(string callSid, string status, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var call = state.Call(callSid) ?? throw new InvalidOperationException($"No call {callSid}.");
            if (call.Status == status)
            {
                return call;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Call {callSid} is {call.Status}, not {status}, after {timeout}.");
            }

            await Task.Delay(20);
        }
    }

    private NumberEntity OwnedNumber(string phoneNumber)
    {
        lock (state.Gate)
        {
            return state.NumberEntities.FirstOrDefault(n => n.PhoneNumber == phoneNumber)
                ?? throw new InvalidOperationException($"{phoneNumber} is not a number of the emulated project.");
        }
    }
}
