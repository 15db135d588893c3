namespace Receptionist.Grains.Calls;

/// <summary>
/// The queryable call log: one row per call, written only by that call's grain, read by the call list.
/// PostgreSQL when the service is durable, memory otherwise.
/// </summary>
public interface ICallLog
{
    /// <summary>Inserts or updates the call's row unless the stored one has a higher or equal version.</summary>
    Task UpsertAsync(CallSummary call, CancellationToken cancellationToken = default);

    Task<CallPage> QueryAsync(CallQuery query, CancellationToken cancellationToken = default);
}
