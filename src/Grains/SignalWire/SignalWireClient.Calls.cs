using Receptionist.Grains.SignalWire.Models;
using Receptionist.Grains.SignalWire.Wire;

namespace Receptionist.Grains.SignalWire;

public sealed partial class SignalWireClient
{
    /// <summary>Places an outbound call. Never retried: a repeat could dial twice.</summary>
    public Task<SignalWireCall> CreateCallAsync(CreateCallRequest call, CancellationToken cancellationToken = default)
    {
        var form = new FormBody()
            .Add("To", call.To)
            .Add("From", call.From)
            .Add("Url", call.Url)
            .Add("StatusCallback", call.StatusCallback)
            .AddEach("StatusCallbackEvent", call.StatusCallback is null ? [] : call.StatusCallbackEvents)
            .Add("Record", call.Record)
            .Add("RecordingStatusCallback", call.RecordingStatusCallback)
            .Add("RecordingStatusCallbackEvent", call.RecordingStatusCallback is null ? null : "in-progress completed absent")
            .Add("MachineDetection", call.MachineDetection)
            .Add("Timeout", call.TimeoutSeconds);
        return SendAsync<SignalWireCall>(HttpMethod.Post, AccountUri("Calls"), form, "create a call", cancellationToken);
    }

    public Task<SignalWireCall> GetCallAsync(string callSid, CancellationToken cancellationToken = default) =>
        SendAsync<SignalWireCall>(HttpMethod.Get, AccountUri("Calls/" + Segment(callSid)), null, "fetch a call", cancellationToken);

    /// <summary>Hangs up, cancels or redirects a live call (a POST to the call, Twilio style).</summary>
    public Task<SignalWireCall> UpdateCallAsync(string callSid, CallUpdate update, CancellationToken cancellationToken = default)
    {
        var form = new FormBody().Add("Status", update.Status).Add("Url", update.Url);
        return SendAsync<SignalWireCall>(HttpMethod.Post, AccountUri("Calls/" + Segment(callSid)), form, "update a call", cancellationToken);
    }
}
