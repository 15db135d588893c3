using Npgsql;
using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Calls;

/// <summary>
/// A call's log row as a companion of the call grain's state write: in the state's own transaction when the grain
/// storage joins companions (so the row can never lag the state), with every other call's row of the same batch in one
/// statement; through the log's own batches otherwise.
/// </summary>
public sealed class CallLogRow(ICallLog callLog, CallSummary call) : ICommitCompanion
{
    public CallSummary Call { get; } = call;

    public ICommitCompanionGroup Group => Rows.Instance;

    public void AddTo(NpgsqlBatchCommandCollection commands) => Group.AddTo(commands, [this]);

    public Task WriteAloneAsync(CancellationToken cancellationToken) => callLog.UpsertAsync(Call, cancellationToken);

    private sealed class Rows : ICommitCompanionGroup
    {
        public static readonly Rows Instance = new();

        /// <summary>One row per call (a statement cannot upsert a row twice); the highest version wins, as in the table.</summary>
        public void AddTo(NpgsqlBatchCommandCollection commands, IReadOnlyList<ICommitCompanion> members) =>
            commands.Add(PostgresCallLog.UpsertManyCommand([.. members.Cast<CallLogRow>()
                .Select(r => r.Call)
                .GroupBy(c => c.CallSid, StringComparer.Ordinal)
                .Select(g => g.MaxBy(c => c.Version)!)]));
    }
}
