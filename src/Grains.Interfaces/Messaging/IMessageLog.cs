namespace Receptionist.Grains.Messaging;

/// <summary>
/// The queryable message log: one row per message, written only by that message's grain, read by the SMS list.
/// PostgreSQL when the service is durable, memory otherwise.
/// </summary>
public interface IMessageLog
{
    /// <summary>Inserts or updates the message's row unless the stored one has a higher or equal version.</summary>
    Task UpsertAsync(MessageSummary message, CancellationToken cancellationToken = default);

    Task<MessageLogPage> QueryAsync(MessageLogQuery query, CancellationToken cancellationToken = default);
}
