using System.Collections.Concurrent;

namespace Receptionist.Grains.Messaging;

/// <summary>The message log of the embedded (non-durable) mode: same contract as <see cref="PostgresMessageLog"/>.</summary>
public sealed class InMemoryMessageLog : IMessageLog
{
    private readonly ConcurrentDictionary<string, MessageSummary> messages = new(StringComparer.Ordinal);

    public Task UpsertAsync(MessageSummary message, CancellationToken cancellationToken = default)
    {
        messages.AddOrUpdate(message.MessageSid, message,
            (_, stored) => stored.Version < message.Version && stored.TenantId == message.TenantId ? message : stored);
        return Task.CompletedTask;
    }

    public Task<MessageLogPage> QueryAsync(MessageLogQuery query, CancellationToken cancellationToken = default)
    {
        var matches = messages.Values
            .Where(m => m.TenantId == query.TenantId)
            .Where(m => query.Statuses.Count == 0 || query.Statuses.Contains(m.Status))
            .Where(m => query.Direction is null || m.Direction == query.Direction)
            .Where(m => query.Number is null || m.From == query.Number || m.To == query.Number)
            .Where(m => query.Since is null || m.CreatedAt >= query.Since)
            .Where(m => query.Until is null || m.CreatedAt < query.Until)
            .Where(m => query.After is null || m.CreatedAt < query.After.CreatedAt
                || (m.CreatedAt == query.After.CreatedAt && string.CompareOrdinal(m.MessageSid, query.After.MessageSid) < 0))
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.MessageSid, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        return Task.FromResult(MessageLogPages.Trim(matches, query.Limit));
    }
}
