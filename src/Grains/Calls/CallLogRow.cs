using Npgsql;
using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Calls;

/// <summary>
/// A call's log row as a companion of the call grain's state write: in the state's own transaction when the grain
/// storage joins companions (so the row can never lag the state), through the log's own batches otherwise.
/// </summary>
public sealed class CallLogRow(ICallLog callLog, CallSummary call) : ICommitCompanion
{
    public void AddTo(NpgsqlBatchCommandCollection commands) => commands.Add(PostgresCallLog.UpsertCommand(call));

    public Task WriteAloneAsync(CancellationToken cancellationToken) => callLog.UpsertAsync(call, cancellationToken);
}
