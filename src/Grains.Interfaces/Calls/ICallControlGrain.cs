namespace Receptionist.Grains.Calls;

/// <summary>
/// A tenant's outbound call actions through SignalWire (key: <see cref="GrainKeys.Tenant"/>; a stateless worker).
/// SignalWire names a call only when it answers the create request, so placing a call cannot start at the call's own
/// grain; this grain talks to SignalWire and then hands SignalWire's answer to the <see cref="ICallGrain"/>, which
/// records it. Keeping the HTTP round trips here also keeps call grains free to apply webhooks meanwhile.
/// SignalWire's failures surface as <c>SignalWireException</c>, after nothing was recorded.
/// </summary>
[Alias("call-control")]
public interface ICallControlGrain : IGrainWithStringKey
{
    [Alias("place")]
    Task<PlaceCallResult> Place(PlaceCallRequest request);

    /// <summary>Hangs up, cancels or redirects one of the tenant's calls; null when the tenant has no such call.</summary>
    [Alias("update")]
    Task<CallDetails?> Update(string callSid, CallChange change);

    /// <summary>
    /// The call's recordings (from its recording callbacks and SignalWire's list, with media URLs); null when the tenant
    /// has no such call.
    /// </summary>
    [Alias("get-recordings")]
    Task<IReadOnlyList<CallRecording>?> GetRecordings(string callSid);
}
