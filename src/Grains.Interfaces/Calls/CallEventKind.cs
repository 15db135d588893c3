namespace Receptionist.Grains.Calls;

/// <summary>Which webhook an event came from.</summary>
[GenerateSerializer, Alias("call-event-kind")]
public enum CallEventKind
{
    /// <summary>The number's voice URL (<c>/api/mcp/ivr/entry</c>): the call reached us.</summary>
    VoiceRequest,

    /// <summary>A status callback (<c>/api/signalwire/webhook/call-status</c>, <c>/api/mcp/ivr/log</c>).</summary>
    Status,

    /// <summary>A recording status callback (<c>/api/signalwire/webhook/recording</c>).</summary>
    Recording,

    /// <summary>Not a webhook: SignalWire's answer to our request to place the call (outbound calls only).</summary>
    Placed,
}
