using System.Diagnostics;
using Npgsql;
using Receptionist.Grains.Observability;
using Receptionist.Grains.Storage;

namespace Receptionist.Silo.Storage;

/// <summary>
/// Group commit for grain state: the writes of every grain on this silo that arrive while a transaction is being
/// committed go together into the next one. A batch closes when the previous commit returns or when it holds
/// <c>maxBatchSize</c> writes, so an idle silo writes at once (no timer) and a busy one pays one round trip and one WAL
/// flush for many webhooks. Each write is acknowledged only when its own transaction has committed.
/// <para>
/// One transaction at a time, on purpose: every batch updates the tenant's analytics rollup row, so a second
/// transaction in flight waits on that row's lock until the first commits; measured with two, commits took longer and
/// webhooks were slower.
/// </para>
/// <para>
/// All state rows of a batch are written by one statement (<see cref="StateWriteStatements"/>); the companions follow
/// in the same transaction, those of one group (every call-log row of the batch, say) in one statement. A stale writer
/// fails alone and its companions never run. If the database rejects a statement, the batch is rolled back and each
/// write is retried in its own transaction, so only the write that caused it fails; if the connection or the server is
/// lost, the whole batch fails and nothing of it is acknowledged.
/// </para>
/// </summary>
internal sealed class GroupCommitter
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string serviceId;
    private readonly ReceptionistTelemetry telemetry;
    private readonly ILogger logger;
    private readonly OneBatchInFlight<StateWrite> batches;

    public GroupCommitter(NpgsqlDataSource dataSource, string serviceId, int maxBatchSize, ReceptionistTelemetry telemetry, ILogger logger)
    {
        this.dataSource = dataSource;
        this.serviceId = serviceId;
        this.telemetry = telemetry;
        this.logger = logger;
        batches = new OneBatchInFlight<StateWrite>(queued => TakeBatch(queued, maxBatchSize), CommitBatchAsync);
    }

    /// <summary>Queues the write; the task completes with the new version, or null when the expected one was stale.</summary>
    public Task<int?> CommitAsync(StateWrite write)
    {
        batches.Add(write);
        return write.Committed.Task;
    }

    /// <summary>
    /// Up to <c>maxBatchSize</c> writes, at most one per state row (a statement cannot update a row twice); a second
    /// write of the same state, only possible from a duplicate activation, waits for the next batch.
    /// </summary>
    private static (List<StateWrite> Batch, List<StateWrite> Left) TakeBatch(List<StateWrite> queued, int maxBatchSize)
    {
        var batch = new List<StateWrite>(Math.Min(queued.Count, maxBatchSize));
        var rows = new HashSet<StateRowKey>();
        var deferred = new List<StateWrite>();
        foreach (var write in queued)
        {
            if (batch.Count < maxBatchSize && rows.Add(write.Row))
            {
                batch.Add(write);
            }
            else
            {
                deferred.Add(write);
            }
        }

        return (batch, deferred);
    }

    private async Task CommitBatchAsync(List<StateWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var versions = await WriteAsync(batch);
            telemetry.RecordBatch(ReceptionistTelemetry.Batches.GrainState, batch.Count, Stopwatch.GetElapsedTime(started), succeeded: true);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Committed.TrySetResult(versions[i]);
            }
        }
        catch (PostgresException e) when (batch.Count > 1 && !IsServerLost(e))
        {
            telemetry.RecordBatch(ReceptionistTelemetry.Batches.GrainState, batch.Count, Stopwatch.GetElapsedTime(started), succeeded: false);
            // Something in the batch was refused and the whole transaction rolled back: find it by committing each
            // write on its own, so its batch-mates still succeed.
            logger.LogWarning(e, "A group commit of {Count} grain states was refused ({SqlState}); committing them one by one", batch.Count, e.SqlState);
            foreach (var write in batch)
            {
                await CommitBatchAsync([write]);
            }
        }
        catch (Exception e)
        {
            telemetry.RecordBatch(ReceptionistTelemetry.Batches.GrainState, batch.Count, Stopwatch.GetElapsedTime(started), succeeded: false);

            // No stack: every write's own request answers and logs the failure (a database outage is one line per interval there).
            logger.LogWarning("A group commit of {Count} grain states failed; none of them was acknowledged: {Error}", batch.Count, e.Message);
            batch.ForEach(w => w.Committed.TrySetException(e));
        }
    }

    /// <summary>Connection loss, shutdown or resource exhaustion: retrying write by write would only fail again.</summary>
    private static bool IsServerLost(PostgresException e) =>
        e.SqlState.StartsWith("08", StringComparison.Ordinal) || e.SqlState.StartsWith("57", StringComparison.Ordinal) || e.SqlState.StartsWith("53", StringComparison.Ordinal);

    /// <summary>
    /// One transaction, the new versions by position (null: stale). First in one round trip, expecting every write to
    /// win its version check; when one did not (a duplicate activation's stale write), that transaction rolled back
    /// whole and the batch is written again in two steps, so only the winners' companions commit.
    /// </summary>
    private async Task<int?[]> WriteAsync(List<StateWrite> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        try
        {
            return await WriteExpectingNoConflictAsync(connection, batch);
        }
        catch (PostgresException e) when (e.SqlState == StateWriteStatements.StaleWriteInBatch)
        {
            return await WriteCheckingEachAsync(connection, batch);
        }
    }

    /// <summary>
    /// The state statement and every companion in one <see cref="NpgsqlBatch"/>: one round trip, one implicit
    /// transaction that commits only if every statement succeeds. The state statement fails it when any write was stale.
    /// </summary>
    private async Task<int?[]> WriteExpectingNoConflictAsync(NpgsqlConnection connection, List<StateWrite> batch)
    {
        await using var commands = new NpgsqlBatch(connection);
        commands.BatchCommands.Add(StateWriteStatements.AllOrNothing(batch, serviceId));
        AddCompanions(commands.BatchCommands, batch);
        var versions = new int?[batch.Count];
        await using (var reader = await commands.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            var units = reader.GetFieldValue<long[]>(0);
            var written = reader.GetFieldValue<int[]>(1);
            for (var i = 0; i < units.Length; i++)
            {
                versions[units[i] - 1] = written[i];
            }

            // Every statement's result, then the commit's: an error in any of them is thrown here, before any write is acknowledged.
            while (await reader.NextResultAsync())
            {
            }
        }

        return versions;
    }

    /// <summary>The states first, then in the same transaction the companions of the writes that won.</summary>
    private async Task<int?[]> WriteCheckingEachAsync(NpgsqlConnection connection, List<StateWrite> batch)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var versions = new int?[batch.Count];
        await using (var command = new NpgsqlCommand(null, connection))
        {
            StateWriteStatements.EachReported(command, batch, serviceId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                versions[reader.GetInt64(0) - 1] = reader.GetInt32(1);
            }
        }

        await using var companions = new NpgsqlBatch(connection);
        AddCompanions(companions.BatchCommands, [.. batch.Where((_, i) => versions[i] is not null)]);
        if (companions.BatchCommands.Count > 0)
        {
            await companions.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return versions;
    }

    /// <summary>The companions of <paramref name="writes"/>: those of one group by one statement of the group's, the others each their own.</summary>
    private static void AddCompanions(NpgsqlBatchCommandCollection commands, List<StateWrite> writes)
    {
        var groups = new Dictionary<ICommitCompanionGroup, List<ICommitCompanion>>();
        foreach (var companion in writes.SelectMany(w => w.Companions))
        {
            if (companion.Group is { } group)
            {
                (groups.TryGetValue(group, out var members) ? members : groups[group] = []).Add(companion);
            }
            else
            {
                companion.AddTo(commands);
            }
        }

        foreach (var (group, members) in groups)
        {
            group.AddTo(commands, members);
        }
    }
}
