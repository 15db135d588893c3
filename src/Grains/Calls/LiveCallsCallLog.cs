using Receptionist.Grains.Observability;

namespace Receptionist.Grains.Calls;

/// <summary>
/// The call log, telling <see cref="ReceptionistTelemetry"/> each call's status once its row is written, so this silo
/// can report how many calls are live (the rows of a call are written by its grain, so on the silo that hosts it).
/// </summary>
public sealed class LiveCallsCallLog(ICallLog inner, ReceptionistTelemetry telemetry) : ICallLog
{
    public async Task UpsertAsync(CallSummary call, CancellationToken cancellationToken = default)
    {
        await inner.UpsertAsync(call, cancellationToken);
        telemetry.ObserveCallStatus(call.CallSid, call.Status.IsTerminal());
    }

    public Task<CallPage> QueryAsync(CallQuery query, CancellationToken cancellationToken = default) => inner.QueryAsync(query, cancellationToken);
}
