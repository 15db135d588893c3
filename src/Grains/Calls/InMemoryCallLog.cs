using System.Collections.Concurrent;

namespace Receptionist.Grains.Calls;

/// <summary>The call log of the embedded (non-durable) mode: same contract as <see cref="PostgresCallLog"/>.</summary>
public sealed class InMemoryCallLog : ICallLog
{
    private readonly ConcurrentDictionary<string, CallSummary> calls = new(StringComparer.Ordinal);

    public Task UpsertAsync(CallSummary call, CancellationToken cancellationToken = default)
    {
        calls.AddOrUpdate(call.CallSid, call, (_, stored) => stored.Version < call.Version && stored.TenantId == call.TenantId ? call : stored);
        return Task.CompletedTask;
    }

    public Task<CallPage> QueryAsync(CallQuery query, CancellationToken cancellationToken = default)
    {
        var matches = calls.Values
            .Where(c => c.TenantId == query.TenantId)
            .Where(c => query.Statuses.Count == 0 || query.Statuses.Contains(c.Status))
            .Where(c => query.Direction is null || c.Direction == query.Direction)
            .Where(c => query.Number is null || c.From == query.Number || c.To == query.Number)
            .Where(c => query.Since is null || c.CreatedAt >= query.Since)
            .Where(c => query.Until is null || c.CreatedAt < query.Until)
            .Where(c => query.After is null || c.CreatedAt < query.After.CreatedAt
                || (c.CreatedAt == query.After.CreatedAt && string.CompareOrdinal(c.CallSid, query.After.CallSid) < 0))
            .OrderByDescending(c => c.CreatedAt)
            .ThenByDescending(c => c.CallSid, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        return Task.FromResult(CallPages.Trim(matches, query.Limit));
    }
}
