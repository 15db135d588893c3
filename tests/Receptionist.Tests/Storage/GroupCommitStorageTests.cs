using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Npgsql;
using Orleans.Storage;
using Receptionist.Grains.Observability;
using Receptionist.Grains.Storage;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Infrastructure.Cluster;

namespace Receptionist.Tests.Storage;

/// <summary>
/// The group-commit grain storage keeps Orleans' storage semantics. Batches are made deterministic by holding a row
/// lock: the batch in flight waits on it, and everything written meanwhile forms the next batch, one transaction
/// (rows of one transaction share their xmin).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class GroupCommitStorageTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_stale_writer_in_a_batch_fails_alone_and_its_batch_mates_commit_in_one_transaction()
    {
        await using var storage = await GroupCommitHarness.StartAsync(await postgres.CreateDatabaseAsync("gcstale"));
        var blocker = await storage.CreateAsync("blocker", 1);
        var existing = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => storage.CreateAsync($"old-{i}", 1)));
        var stale = await storage.CreateAsync("stale", 1);
        var staleCopy = new GrainState<ProbeState>(new ProbeState(), stale.ETag); // a second activation's view
        await storage.WriteAsync("stale", stale, 2);

        Task batchInFlight;
        await using (var rowLock = await storage.LockRowAsync("blocker"))
        {
            batchInFlight = storage.WriteAsync("blocker", blocker, 2);
            await storage.WaitForBlockedWritersAsync();
            var writes = Enumerable.Range(0, 10).Select(i => storage.WriteAsync($"old-{i}", existing[i], 2))
                .Concat(Enumerable.Range(0, 20).Select(i => storage.WriteAsync($"new-{i}", new GrainState<ProbeState>(), 1)))
                .ToList();
            var staleWrite = storage.WriteAsync("stale", staleCopy, 99);
            await rowLock.CommitAsync();
            await batchInFlight;

            var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
            Assert.Contains("Version conflict (WriteState)", conflict.Message, StringComparison.Ordinal);
            await Task.WhenAll(writes);
        }

        var rows = await storage.RowsAsync();
        Assert.Equal((2, 2), (rows["stale"].Count, rows["stale"].Version));
        Assert.All(Enumerable.Range(0, 10), i => Assert.Equal((2, 2), (rows[$"old-{i}"].Count, rows[$"old-{i}"].Version)));
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal((1, 1), (rows[$"new-{i}"].Count, rows[$"new-{i}"].Version)));
        Assert.Single(rows.Where(r => r.Key.StartsWith("old-", StringComparison.Ordinal) || r.Key.StartsWith("new-", StringComparison.Ordinal))
            .Select(r => r.Value.Transaction).Distinct());
        Assert.All(existing, s => Assert.Equal("2", s.ETag));
        Assert.Equal("1", staleCopy.ETag);

        // The loser reads again (as Orleans does after deactivating it) and then writes fine.
        var reread = await storage.ReadAsync("stale");
        Assert.Equal(("2", 2), (reread.ETag, reread.State!.Count));
        await storage.WriteAsync("stale", reread, 3);
        Assert.Equal("3", reread.ETag);
    }

    [Fact]
    public async Task A_first_write_racing_another_activations_first_write_fails_like_the_stock_provider()
    {
        await using var storage = await GroupCommitHarness.StartAsync(await postgres.CreateDatabaseAsync("gcfirst"));
        using var otherSilo = storage.Create(storage.Data.ConnectionString, new CommitCompanions(joinsStateWrites: true));
        await otherSilo.WriteStateAsync(GroupCommitHarness.StateName, GroupCommitHarness.Grain("k"), new GrainState<ProbeState>(new ProbeState { Count = 7 }));

        var late = new GrainState<ProbeState>();
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("k", late, 1));
        Assert.Equal((7, 1), ((await storage.RowsAsync())["k"].Count, (await storage.RowsAsync())["k"].Version));
    }

    [Fact]
    public async Task Reads_clears_and_rewrites_keep_one_row_and_its_version_history()
    {
        await using var storage = await GroupCommitHarness.StartAsync(await postgres.CreateDatabaseAsync("gcclear"));
        var missing = await storage.ReadAsync("k");
        Assert.False(missing.RecordExists);
        Assert.Null(missing.ETag);

        var state = await storage.CreateAsync("k", 5);
        await storage.WriteAsync("k", state, 6);
        var read = await storage.ReadAsync("k");
        Assert.Equal((true, "2", 6), (read.RecordExists, read.ETag, read.State!.Count));

        await storage.Storage.ClearStateAsync(GroupCommitHarness.StateName, GroupCommitHarness.Grain("k"), read);
        Assert.Equal((false, "3", 0), (read.RecordExists, read.ETag, read.State.Count));
        Assert.Equal(0, (await storage.ReadAsync("k")).State!.Count);
        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.Storage.ClearStateAsync(GroupCommitHarness.StateName, GroupCommitHarness.Grain("k"), state)); // still at "2"

        await storage.WriteAsync("k", read, 8);
        Assert.Equal((8, 4), ((await storage.RowsAsync())["k"].Count, (await storage.RowsAsync())["k"].Version));
        Assert.Single(await storage.RowsAsync());
    }

    [Fact]
    public async Task Reads_that_arrive_while_one_is_out_share_the_next_query_and_each_gets_its_own_row()
    {
        await using var storage = await GroupCommitHarness.StartAsync(await postgres.CreateDatabaseAsync("gcreads"));
        var sizes = new ConcurrentQueue<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, storage.Telemetry) && instrument.Name == "receptionist.batch.size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, size, tags, _) =>
        {
            if (tags.ToArray().Contains(new KeyValuePair<string, object?>("batch", ReceptionistTelemetry.Batches.GrainStateRead)))
            {
                sizes.Enqueue(size);
            }
        });
        listener.Start();
        foreach (var i in Enumerable.Range(0, 10))
        {
            var written = await storage.CreateAsync($"k-{i}", 100 + i);
            if (i % 2 == 1)
            {
                await storage.WriteAsync($"k-{i}", written, 200 + i); // version 2
            }
        }

        var cleared = await storage.ReadAsync("k-9");
        await storage.Storage.ClearStateAsync(GroupCommitHarness.StateName, GroupCommitHarness.Grain("k-9"), cleared);
        sizes.Clear();

        Task<GrainState<ProbeState>> first;
        List<(string Key, Task<GrainState<ProbeState>> Read)> reads;
        await using (var tableLock = await storage.LockTableAsync())
        {
            first = storage.ReadAsync("k-0");
            await storage.WaitForBlockedWritersAsync();
            // Missing rows, a cleared one, every stored one, and one key twice, all queued behind the first read.
            reads = [.. new[] { "k-3", "missing-a", "k-9", "k-1", "missing-b", "k-3" }.Concat(Enumerable.Range(0, 9).Select(i => $"k-{i}"))
                .Select(key => (key, storage.ReadAsync(key)))];
            await tableLock.CommitAsync();
        }

        Assert.Equal((true, "1", 100), ((await first).RecordExists, (await first).ETag, (await first).State!.Count));
        foreach (var (key, read) in reads)
        {
            var state = await read;
            var i = key.StartsWith("k-", StringComparison.Ordinal) ? int.Parse(key[2..], CultureInfo.InvariantCulture) : -1;
            var expected = i switch
            {
                -1 => (false, (string?)null, 0),
                9 => (true, "3", 0), // cleared: the row and its version stay, the payload is gone
                _ => (true, i % 2 == 1 ? "2" : "1", i % 2 == 1 ? 200 + i : 100 + i),
            };
            Assert.Equal(expected, (state.RecordExists, state.ETag, state.State!.Count));
        }

        Assert.Equal([1, reads.Count], sizes.ToArray());
    }

    [Fact]
    public async Task Companions_commit_in_their_state_writes_transaction_and_a_stale_writers_companions_never_run()
    {
        await using var storage = await GroupCommitHarness.StartAsync(await postgres.CreateDatabaseAsync("gccompanion"));
        await CreateCompanionTableAsync(storage.Data);
        var blocker = await storage.CreateAsync("blocker", 1);
        var stale = new StoredState<ProbeState>(storage.Storage, GroupCommitHarness.StateName, GroupCommitHarness.Grain("stale"));
        var winner = new StoredState<ProbeState>(storage.Storage, GroupCommitHarness.StateName, GroupCommitHarness.Grain("stale"));
        await stale.WriteStateAsync();
        await winner.ReadStateAsync();
        await winner.WriteStateAsync();

        await using (var rowLock = await storage.LockRowAsync("blocker"))
        {
            var batchInFlight = storage.WriteAsync("blocker", blocker, 2);
            await storage.WaitForBlockedWritersAsync();
            var writes = Enumerable.Range(0, 8).Select(i => WriteWithCompanionAsync(storage, $"g-{i}", $"note-{i}")).ToList();
            stale.State.Count = 42;
            var staleWrite = storage.Companions.WriteStateAsync(stale, GroupCommitHarness.Grain("stale"), GroupCommitHarness.StateName,
                [new CompanionRow(storage.Data, "stale", "from the stale writer")]);
            await rowLock.CommitAsync();
            await batchInFlight;
            await Task.WhenAll(writes);
            await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        }

        var states = await storage.RowsAsync();
        var companions = await CompanionRow.ReadAllAsync(storage.Data);
        Assert.False(companions.ContainsKey("stale"));
        Assert.All(Enumerable.Range(0, 8), i =>
        {
            Assert.Equal($"note-{i}", companions[$"g-{i}"].Note);
            Assert.Equal(states[$"g-{i}"].Transaction, companions[$"g-{i}"].Transaction);
        });
        Assert.Single(Enumerable.Range(0, 8).Select(i => companions[$"g-{i}"].Transaction).Distinct());
    }

    [Fact]
    public async Task A_refused_companion_fails_only_its_own_write_and_leaves_none_of_its_rows()
    {
        await using var storage = await GroupCommitHarness.StartAsync(await postgres.CreateDatabaseAsync("gcrefuse"));
        await CreateCompanionTableAsync(storage.Data);
        var blocker = await storage.CreateAsync("blocker", 1);

        await using (var rowLock = await storage.LockRowAsync("blocker"))
        {
            var batchInFlight = storage.WriteAsync("blocker", blocker, 2);
            await storage.WaitForBlockedWritersAsync();
            var writes = Enumerable.Range(0, 8).Select(i => WriteWithCompanionAsync(storage, $"g-{i}", $"note-{i}")).ToList();
            var refused = WriteWithCompanionAsync(storage, "refused", "refuse");
            await rowLock.CommitAsync();
            await batchInFlight;
            await Task.WhenAll(writes);
            var error = await Assert.ThrowsAsync<PostgresException>(() => refused);
            Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
        }

        var states = await storage.RowsAsync();
        var companions = await CompanionRow.ReadAllAsync(storage.Data);
        Assert.False(states.ContainsKey("refused"));
        Assert.False(companions.ContainsKey("refused"));
        Assert.All(Enumerable.Range(0, 8), i => Assert.Equal(states[$"g-{i}"].Transaction, companions[$"g-{i}"].Transaction));
    }

    [Fact]
    public async Task On_a_storage_that_cannot_join_them_companions_run_after_the_state_write()
    {
        await using var storage = await GroupCommitHarness.StartAsync(await postgres.CreateDatabaseAsync("gcalone"));
        await CreateCompanionTableAsync(storage.Data);
        var separate = new CommitCompanions(joinsStateWrites: false);
        var state = new StoredState<ProbeState>(storage.Storage, GroupCommitHarness.StateName, GroupCommitHarness.Grain("k"));
        state.State.Count = 3;
        await separate.WriteStateAsync(state, GroupCommitHarness.Grain("k"), GroupCommitHarness.StateName, [new CompanionRow(storage.Data, "k", "after")]);

        var stored = (await storage.RowsAsync())["k"];
        var companion = (await CompanionRow.ReadAllAsync(storage.Data))["k"];
        Assert.Equal((3, "after"), (stored.Count, companion.Note));
        Assert.NotEqual(stored.Transaction, companion.Transaction);

        // A refused companion on this path fails the caller after the state is already written, as before.
        state.State.Count = 4;
        await Assert.ThrowsAsync<PostgresException>(() =>
            separate.WriteStateAsync(state, GroupCommitHarness.Grain("k"), GroupCommitHarness.StateName, [new CompanionRow(storage.Data, "k", "refuse")]));
        Assert.Equal(4, (await storage.RowsAsync())["k"].Count);
    }

    private static Task WriteWithCompanionAsync(GroupCommitHarness storage, string key, string note)
    {
        var state = new StoredState<ProbeState>(storage.Storage, GroupCommitHarness.StateName, GroupCommitHarness.Grain(key));
        state.State.Count = 1;
        return storage.Companions.WriteStateAsync(state, GroupCommitHarness.Grain(key), GroupCommitHarness.StateName, [new CompanionRow(storage.Data, key, note)]);
    }

    private static async Task CreateCompanionTableAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand(CompanionRow.CreateTable);
        await command.ExecuteNonQueryAsync();
    }
}
