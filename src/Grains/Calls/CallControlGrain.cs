using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Receptionist.Grains.Numbers;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Models;

namespace Receptionist.Grains.Calls;

/// <summary>
/// Stateless: one activation per silo and tenant at most as busy as needed, so a slow SignalWire answer holds up
/// only the request waiting for it. Every outcome is recorded by the call's own grain, and only after SignalWire
/// accepted the request: a refused or unanswered request leaves no trace. (A timed-out create may still have placed
/// the call; its status callbacks then create it in the tenant's list through its From number, as for any call.)
/// </summary>
[StatelessWorker]
public sealed class CallControlGrain(SignalWireClient signalWire, TimeProvider clock, ILogger<CallControlGrain> logger)
    : Grain, ICallControlGrain
{
    private string TenantId => GrainKeys.IdOf(this.GetPrimaryKeyString());

    async Task<PlaceCallResult> ICallControlGrain.Place(PlaceCallRequest request)
    {
        var owner = await GrainFactory.GetGrain<IPhoneNumberGrain>(GrainKeys.PhoneNumber(request.From)).GetOwner();
        if (owner?.TenantId != TenantId)
        {
            return new PlaceCallResult(PlaceCallOutcome.FromNotOwned, null);
        }

        var answer = await signalWire.CreateCallAsync(new CreateCallRequest(request.To, request.From, new Uri(request.Url))
        {
            StatusCallback = new Uri(request.StatusCallback),
            StatusCallbackEvents = CreateCallRequest.AllProgressEvents,
            Record = request.Record,
            RecordingStatusCallback = request.Record == true && request.RecordingStatusCallback is { } recording ? new Uri(recording) : null,
            MachineDetection = request.MachineDetection,
            TimeoutSeconds = request.TimeoutSeconds,
        });
        logger.LogInformation("Placed call {CallSid} from {From} to {To} for tenant {TenantId}", answer.Sid, request.From, request.To, TenantId);

        var placed = new CallEvent
        {
            Kind = CallEventKind.Placed,
            CallSid = answer.Sid,
            AccountSid = answer.AccountSid,
            From = string.IsNullOrEmpty(answer.From) ? request.From : answer.From,
            To = string.IsNullOrEmpty(answer.To) ? request.To : answer.To,
            Direction = "outbound-api",
            Status = CallStatuses.TryParse(answer.Status, out var status) ? status : CallStatus.Queued,
            OccurredAt = answer.DateCreated ?? clock.GetUtcNow(),
        };
        var call = await GrainFactory.GetGrain<ICallGrain>(GrainKeys.Call(answer.Sid)).RecordPlaced(TenantId, placed);
        return new PlaceCallResult(PlaceCallOutcome.Placed, call);
    }

    async Task<CallDetails?> ICallControlGrain.Update(string callSid, CallChange change)
    {
        var call = GrainFactory.GetGrain<ICallGrain>(GrainKeys.Call(callSid));
        if (!IsTenants(await call.GetDetails()))
        {
            return null;
        }

        var update = change.Url is { } url ? CallUpdate.Redirect(new Uri(url))
            : change.Status == "canceled" ? CallUpdate.Cancel()
            : CallUpdate.HangUp();
        var answer = await signalWire.UpdateCallAsync(callSid, update);
        await call.RecordControl(TenantId, new CallControl(change, clock.GetUtcNow(), answer.Status));
        return await call.GetDetails();
    }

    async Task<IReadOnlyList<CallRecording>?> ICallControlGrain.GetRecordings(string callSid)
    {
        var call = GrainFactory.GetGrain<ICallGrain>(GrainKeys.Call(callSid));
        var details = await call.GetDetails();
        if (!IsTenants(details))
        {
            return null;
        }

        if (signalWire.IsConfigured)
        {
            // SignalWire's list knows recordings whose callbacks never came: each is recorded on the call as its callback
            // would have been, so the call's detail (served from memory, never from SignalWire) lists what this route lists.
            var known = details!.Recordings.ToDictionary(r => r.RecordingSid, r => r.Status, StringComparer.Ordinal);
            var learnt = false;
            foreach (var listed in await signalWire.ListCallRecordingsAsync(callSid))
            {
                if (known.TryGetValue(listed.Sid, out var status) && (listed.Status is null || listed.Status == status))
                {
                    continue;
                }

                await call.Apply(
                    new CallEvent
                    {
                        Kind = CallEventKind.Recording,
                        CallSid = callSid,
                        RecordingSid = listed.Sid,
                        RecordingUrl = listed.MediaUrl?.AbsoluteUri,
                        RecordingStatus = listed.Status,
                        RecordingDurationSeconds = listed.Duration,
                        OccurredAt = listed.DateCreated ?? clock.GetUtcNow(),
                    },
                    textStatusCallback: null);
                learnt = true;
            }

            if (learnt)
            {
                details = await call.GetDetails();
            }
        }

        return details!.Recordings;
    }

    private bool IsTenants(CallDetails? details) => details is not null && details.Summary.TenantId == TenantId;
}
