using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Receptionist.Grains.Observability;
using Receptionist.Grains.Storage;
using Receptionist.Silo.Schema;
using Receptionist.Silo.Storage;
using Receptionist.Tests.Infrastructure.Cluster;

namespace Receptionist.Tests.Storage;

/// <summary>
/// The group-commit provider on its own, on a migrated database, driven as Orleans drives a grain storage: one
/// <see cref="GrainState{T}"/> per grain, passed to every read, write and clear.
/// </summary>
internal sealed class GroupCommitHarness : IAsyncDisposable
{
    public const string StateName = "test-probe";
    public const string ServiceId = "storage-tests";

    private readonly ServiceProvider services;

    private GroupCommitHarness(ServiceProvider services, string connectionString, CommitCompanions companions)
    {
        this.services = services;
        Companions = companions;
        Data = NpgsqlDataSource.Create(connectionString);
        Storage = Create(connectionString, companions);
    }

    public GroupCommitGrainStorage Storage { get; }

    public CommitCompanions Companions { get; }

    /// <summary>The telemetry of <see cref="Storage"/> and every provider <see cref="Create"/> makes (its batches' sizes).</summary>
    public ReceptionistTelemetry Telemetry { get; } = new();

    /// <summary>For the test's own look at the rows.</summary>
    public NpgsqlDataSource Data { get; }

    public static async Task<GroupCommitHarness> StartAsync(string connectionString)
    {
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync();
        }

        return new GroupCommitHarness(new ServiceCollection().AddSerializer().BuildServiceProvider(), connectionString, new CommitCompanions(joinsStateWrites: true));
    }

    /// <summary>A second provider instance on the same table, as another silo would have.</summary>
    public GroupCommitGrainStorage Create(string connectionString, CommitCompanions companions) =>
        new("receptionist", ServiceId, connectionString, maxBatchSize: 256,
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<IActivatorProvider>(), companions, Telemetry, NullLoggerFactory.Instance);

    public static GrainId Grain(string key) => GrainId.Create(StateName, key);

    public async Task<GrainState<ProbeState>> ReadAsync(string key)
    {
        var state = new GrainState<ProbeState>();
        await Storage.ReadStateAsync(StateName, Grain(key), state);
        return state;
    }

    /// <summary>Sets the count and writes it with whatever ETag the state holds.</summary>
    public Task WriteAsync(string key, GrainState<ProbeState> state, int count)
    {
        state.State = new ProbeState { Count = count };
        return Storage.WriteStateAsync(StateName, Grain(key), state);
    }

    public async Task<GrainState<ProbeState>> CreateAsync(string key, int count)
    {
        var state = new GrainState<ProbeState>();
        await WriteAsync(key, state, count);
        return state;
    }

    /// <summary>Holds a row lock on one state row until disposed, so a batch that writes that row waits mid-transaction.</summary>
    public async Task<NpgsqlTransaction> LockRowAsync(string key)
    {
        var connection = await Data.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT 1 FROM OrleansStorage WHERE graintypestring = $1 AND grainidextensionstring = $2 FOR UPDATE", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        Assert.Equal(1, await command.ExecuteScalarAsync());
        return transaction;
    }

    /// <summary>Holds the whole state table locked until disposed: even a read of it waits.</summary>
    public async Task<NpgsqlTransaction> LockTableAsync()
    {
        var connection = await Data.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("LOCK TABLE OrleansStorage IN ACCESS EXCLUSIVE MODE", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return transaction;
    }

    /// <summary>Waits until <paramref name="count"/> statements of this database are waiting for a lock.</summary>
    public async Task WaitForBlockedWritersAsync(int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var command = Data.CreateCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
            if ((long)(await command.ExecuteScalarAsync())! >= count)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, "no group commit is waiting for the locked row");
            await Task.Delay(20);
        }
    }

    /// <summary>Count, version and the transaction that last wrote each row (xmin), by grain key.</summary>
    public async Task<Dictionary<string, (int Count, int Version, string Transaction)>> RowsAsync()
    {
        var rows = new Dictionary<string, (int, int, string)>();
        await using var command = Data.CreateCommand(
            "SELECT grainidextensionstring, payloadbinary, version, xmin::text FROM OrleansStorage WHERE graintypestring = $1 AND serviceid = $2");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ServiceId });
        await using var reader = await command.ExecuteReaderAsync();
        var serializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
        while (await reader.ReadAsync())
        {
            var count = reader.IsDBNull(1) ? 0 : serializer.Deserialize<ProbeState>(new BinaryData(reader.GetFieldValue<byte[]>(1)))!.Count;
            rows[reader.GetString(0)] = (count, reader.GetInt32(2), reader.GetString(3));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        Storage.Dispose();
        await Data.DisposeAsync();
        await services.DisposeAsync();
    }
}
