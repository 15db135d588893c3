using Npgsql;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Storage;

/// <summary>
/// PostgreSQL dies while a group commit is half-way through its statement. Runs on a server of its own (durable
/// settings, so what was committed survives the crash) because the test stops it.
/// </summary>
public sealed class GroupCommitDatabaseCrashTests
{
    [Fact]
    public async Task A_batch_cut_off_by_a_database_crash_acknowledges_none_of_its_writes_and_leaves_no_partial_rows()
    {
        await using var server = await PostgresServer.StartAsync(durable: true);
        await using var storage = await GroupCommitHarness.StartAsync(await server.CreateDatabaseAsync("gccrash"));
        var first = await storage.CreateAsync("first", 1);
        var blocker = await storage.CreateAsync("blocker", 1);
        var existing = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => storage.CreateAsync($"old-{i}", 1)));

        // Batch 1 waits on "first"; batch 2 (the blocker, ten updates, thirty first writes) queues behind it. Then batch
        // 1 may commit, batch 2 runs its statement up to the blocker's row, and the server dies under it.
        var firstLock = await storage.LockRowAsync("first");
        var blockerLock = await storage.LockRowAsync("blocker");
        var batch1 = storage.WriteAsync("first", first, 2);
        await storage.WaitForBlockedWritersAsync();
        var batch2 = new List<Task> { storage.WriteAsync("blocker", blocker, 2) };
        batch2.AddRange(Enumerable.Range(0, 10).Select(i => storage.WriteAsync($"old-{i}", existing[i], 2)));
        batch2.AddRange(Enumerable.Range(0, 30).Select(i => storage.WriteAsync($"new-{i}", new Orleans.GrainState<Infrastructure.Cluster.ProbeState>(), 1)));
        await firstLock.CommitAsync();
        await batch1;
        await storage.WaitForBlockedWritersAsync();
        await server.CrashAsync();

        foreach (var write in batch2)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => write);
        }

        Assert.All(existing, s => Assert.Equal("1", s.ETag));
        await blockerLock.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await server.RestartAsync();

        var rows = await storage.RowsAsync();
        Assert.Equal(["blocker", "first", .. Enumerable.Range(0, 10).Select(i => $"old-{i}")], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((2, 2), (rows["first"].Count, rows["first"].Version));
        Assert.All(rows.Where(r => r.Key != "first"), r => Assert.Equal((1, 1), (r.Value.Count, r.Value.Version)));

        // The same writes, retried as SignalWire retries an unacknowledged webhook, now succeed.
        await storage.WriteAsync("blocker", blocker, 2);
        Assert.Equal("2", blocker.ETag);
    }
}
