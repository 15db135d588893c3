using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
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
/// All state rows of a batch are written by one statement that reports, per row, whether the expected version still
/// held, so a stale writer fails alone and its companions never run. The companions of the others follow in the same
/// transaction, those of one group (every call-log row of the batch, say) in one statement. If the database rejects a statement, the batch is rolled back and each write is retried in its own
/// transaction, so only the write that caused it fails; if the connection or the server is lost, the whole batch fails
/// and nothing of it is acknowledged.
/// </para>
/// </summary>
internal sealed class GroupCommitter(NpgsqlDataSource dataSource, string serviceId, int maxBatchSize, ReceptionistTelemetry telemetry, ILogger logger)
{
    private const string WriteStatesSql = """
        WITH input AS (
            SELECT * FROM unnest($1::integer[], $2::bigint[], $3::bigint[], $4::integer[], $5::text[], $6::text[], $7::integer[], $8::bytea[])
                WITH ORDINALITY AS i(grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, expected, payload, unit)
        ),
        updated AS (
            UPDATE OrleansStorage s
               SET payloadbinary = i.payload,
                   modifiedon = now(),
                   version = CASE WHEN s.version = 2147483647 THEN 1 ELSE s.version + 1 END
              FROM input i
             WHERE i.expected IS NOT NULL
               AND s.grainidhash = i.grainidhash
               AND s.graintypehash = i.graintypehash
               AND s.grainidn0 = i.grainidn0
               AND s.grainidn1 = i.grainidn1
               AND s.graintypestring = i.graintypestring
               AND s.grainidextensionstring IS NOT DISTINCT FROM i.grainidextensionstring
               AND s.serviceid = $9
               AND s.version = i.expected
            RETURNING i.unit, s.version
        ),
        inserted AS (
            INSERT INTO OrleansStorage
                (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
            SELECT grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, $9, payload, now(), 1
              FROM input
             WHERE expected IS NULL
            ON CONFLICT DO NOTHING   -- ux_orleansstorage_grainstate: someone else wrote this state first
            RETURNING grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring
        )
        SELECT unit, version FROM updated
        UNION ALL
        SELECT i.unit, 1
          FROM inserted n
          JOIN input i
            ON i.expected IS NULL
           AND n.grainidhash = i.grainidhash
           AND n.graintypehash = i.graintypehash
           AND n.grainidn0 = i.grainidn0
           AND n.grainidn1 = i.grainidn1
           AND n.graintypestring = i.graintypestring
           AND n.grainidextensionstring IS NOT DISTINCT FROM i.grainidextensionstring
        """;

    private readonly Lock gate = new();
    private List<StateWrite> queued = [];
    private bool writing;

    /// <summary>Queues the write; the task completes with the new version, or null when the expected one was stale.</summary>
    public Task<int?> CommitAsync(StateWrite write)
    {
        lock (gate)
        {
            queued.Add(write);
            if (!writing)
            {
                writing = true;

                // Off the caller's context: a grain's scheduler must not own the loop that serves every grain.
                _ = Task.Run(CommitQueuedAsync, CancellationToken.None);
            }
        }

        return write.Committed.Task;
    }

    private async Task CommitQueuedAsync()
    {
        while (true)
        {
            List<StateWrite> batch;
            lock (gate)
            {
                if (queued.Count == 0)
                {
                    writing = false;
                    return;
                }

                batch = TakeBatch();
            }

            await CommitBatchAsync(batch);
        }
    }

    /// <summary>
    /// Up to <c>maxBatchSize</c> writes, at most one per state row (a statement cannot update a row twice); a second
    /// write of the same state, only possible from a duplicate activation, waits for the next batch.
    /// </summary>
    private List<StateWrite> TakeBatch()
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

        queued = deferred;
        return batch;
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

    /// <summary>One transaction: the states, then the companions of the writes that won. The new versions, by position.</summary>
    private async Task<int?[]> WriteAsync(List<StateWrite> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var hasCompanions = batch.Exists(w => w.Companions.Count > 0);

        // Without companions the one statement is its own transaction: one round trip for the whole batch.
        await using var transaction = hasCompanions ? await connection.BeginTransactionAsync() : null;
        var versions = await WriteStatesAsync(connection, batch);
        if (transaction is not null)
        {
            await using var companions = new NpgsqlBatch(connection);
            var groups = new Dictionary<ICommitCompanionGroup, List<ICommitCompanion>>();
            for (var i = 0; i < batch.Count; i++)
            {
                if (versions[i] is not null)
                {
                    foreach (var companion in batch[i].Companions)
                    {
                        if (companion.Group is { } group)
                        {
                            (groups.TryGetValue(group, out var members) ? members : groups[group] = []).Add(companion);
                        }
                        else
                        {
                            companion.AddTo(companions.BatchCommands);
                        }
                    }
                }
            }

            foreach (var (group, members) in groups)
            {
                group.AddTo(companions.BatchCommands, members);
            }

            if (companions.BatchCommands.Count > 0)
            {
                await companions.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        return versions;
    }

    private async Task<int?[]> WriteStatesAsync(NpgsqlConnection connection, List<StateWrite> batch)
    {
        await using var command = new NpgsqlCommand(WriteStatesSql, connection);
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. batch.Select(w => w.Row.GrainIdHash)] });
        p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(w => w.Row.GrainIdN0)] });
        p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(w => w.Row.GrainIdN1)] });
        p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. batch.Select(w => w.Row.GrainTypeHash)] });
        p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(w => w.Row.GrainTypeString)] });
        p.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(w => w.Row.GrainIdExtension)] });
        p.Add(new NpgsqlParameter<int?[]> { TypedValue = [.. batch.Select(w => w.ExpectedVersion)] });
        p.Add(new NpgsqlParameter<byte[][]> { TypedValue = [.. batch.Select(w => w.Payload)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        p.Add(new NpgsqlParameter<string> { TypedValue = serviceId });

        var versions = new int?[batch.Count];
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions[reader.GetInt64(0) - 1] = reader.GetInt32(1);
        }

        return versions;
    }
}
