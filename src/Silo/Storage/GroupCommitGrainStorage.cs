using System.Globalization;
using Npgsql;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Receptionist.Grains.Observability;
using Receptionist.Grains.Storage;

namespace Receptionist.Silo.Storage;

/// <summary>
/// Grain storage on the stock provider's table and row format (<c>OrleansStorage</c>, its hashes, its ETag = version
/// column, the same serializer), whose writes are group-committed by a <see cref="GroupCommitter"/>: a webhook waits
/// for one durable commit it shares with every other write in flight on the silo. Reads are coalesced the same way
/// (<see cref="GroupReader"/>); clears are single statements, as with the stock provider. A stale ETag fails with the stock provider's
/// <see cref="InconsistentStateException"/>, for that grain only.
/// </summary>
public sealed class GroupCommitGrainStorage : IGrainStorage, IDisposable
{
    private const string ClearSql = """
        UPDATE OrleansStorage
           SET payloadbinary = NULL,
               modifiedon = now(),
               version = CASE WHEN version = 2147483647 THEN 1 ELSE version + 1 END
         WHERE grainidhash = $1 AND graintypehash = $2 AND grainidn0 = $3 AND grainidn1 = $4
           AND graintypestring = $5 AND grainidextensionstring IS NOT DISTINCT FROM $6 AND serviceid = $7
           AND version = $8
        RETURNING version
        """;

    private readonly string name;
    private readonly string serviceId;
    private readonly NpgsqlDataSource dataSource;
    private readonly IGrainStorageSerializer serializer;
    private readonly IActivatorProvider activators;
    private readonly CommitCompanions companions;
    private readonly GroupCommitter committer;
    private readonly GroupReader reader;

    public GroupCommitGrainStorage(string name, string serviceId, string connectionString, int maxBatchSize,
        IGrainStorageSerializer serializer, IActivatorProvider activators, CommitCompanions companions, ReceptionistTelemetry telemetry,
        ILoggerFactory loggers)
    {
        this.name = name;
        this.serviceId = serviceId;
        this.serializer = serializer;
        this.activators = activators;
        this.companions = companions;
        dataSource = StorageDataSource.Create(connectionString);
        committer = new GroupCommitter(dataSource, serviceId, maxBatchSize, telemetry, loggers.CreateLogger<GroupCommitter>());
        reader = new GroupReader(dataSource, serviceId, maxBatchSize, telemetry);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (await reader.ReadAsync(StateRowKey.For(stateName, grainId)) is not { } stored)
        {
            grainState.State = Create<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = stored.Payload is null ? Create<T>() : serializer.Deserialize<T>(new BinaryData(stored.Payload)) ?? Create<T>();
        grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var row = StateRowKey.For(stateName, grainId);

        // Serialized now, on the grain's turn: the state object may change again before the batch is sent.
        var payload = serializer.Serialize(grainState.State).ToArray();
        var write = new StateWrite(row, ParseETag(grainState.ETag), payload, companions.Take(grainId, stateName));
        var version = await committer.CommitAsync(write);
        if (version is null)
        {
            throw Conflict("WriteState", stateName, row, grainState.ETag);
        }

        grainState.ETag = version.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!grainState.RecordExists)
        {
            await ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists)
            {
                return;
            }
        }

        var row = StateRowKey.For(stateName, grainId);
        await using var command = dataSource.CreateCommand(ClearSql);
        AddRowParameters(command, row);
        command.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = ParseETag(grainState.ETag) });
        var version = await command.ExecuteScalarAsync();
        if (version is not int newVersion)
        {
            throw Conflict("ClearState", stateName, row, grainState.ETag);
        }

        grainState.ETag = newVersion.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = Create<T>();
    }

    public void Dispose() => dataSource.Dispose();

    private void AddRowParameters(NpgsqlCommand command, StateRowKey row)
    {
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<int> { TypedValue = row.GrainIdHash });
        p.Add(new NpgsqlParameter<int> { TypedValue = row.GrainTypeHash });
        p.Add(new NpgsqlParameter<long> { TypedValue = row.GrainIdN0 });
        p.Add(new NpgsqlParameter<long> { TypedValue = row.GrainIdN1 });
        p.Add(new NpgsqlParameter<string> { TypedValue = row.GrainTypeString });
        p.Add(new NpgsqlParameter<string?> { TypedValue = row.GrainIdExtension });
        p.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
    }

    private static int? ParseETag(string? etag) =>
        string.IsNullOrWhiteSpace(etag) ? null : int.Parse(etag, CultureInfo.InvariantCulture);

    /// <summary>The stock provider's exception and message, so callers cannot tell the two providers apart.</summary>
    private InconsistentStateException Conflict(string operation, string stateName, StateRowKey row, string? etag) =>
        new($"Version conflict ({operation}): ServiceId={serviceId} ProviderName={name} GrainType={stateName} GrainId={row} ETag={etag}.");

    private T Create<T>() => activators.GetActivator<T>().Create();
}
