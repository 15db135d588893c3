using Npgsql;
using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Messaging;

/// <summary>
/// A message's log row as a companion of the message grain's state write: in the state's own transaction when the
/// grain storage joins companions (so the row can never lag the state), through the log on its own otherwise.
/// </summary>
public sealed class MessageLogRow(IMessageLog messageLog, MessageSummary message) : ICommitCompanion
{
    public void AddTo(NpgsqlBatchCommandCollection commands) => commands.Add(PostgresMessageLog.UpsertCommand(message));

    public Task WriteAloneAsync(CancellationToken cancellationToken) => messageLog.UpsertAsync(message, cancellationToken);
}
