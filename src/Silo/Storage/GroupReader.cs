using System.Diagnostics;
using Npgsql;
using Receptionist.Grains.Observability;
using Receptionist.Grains.Storage;

namespace Receptionist.Silo.Storage;

/// <summary>
/// Grain state reads coalesced the way <see cref="GroupCommitter"/> coalesces writes: the reads that arrive while a
/// query is out go together into the next one (one statement, the row keys as arrays), so a burst of activations (a
/// new call grain per entry webhook) costs one round trip and one statement on the server instead of one each. A
/// batch closes when the previous query returns or when it holds <c>maxBatchSize</c> reads, so an idle silo reads at
/// once. A failed query fails every read of its batch (each activation fails, as a failed single read would).
/// </summary>
internal sealed class GroupReader(NpgsqlDataSource dataSource, string serviceId, int maxBatchSize, ReceptionistTelemetry telemetry)
{
    private const string ReadSql = """
        SELECT k.unit, s.payloadbinary, s.version
          FROM unnest($1::integer[], $2::integer[], $3::bigint[], $4::bigint[], $5::text[], $6::text[])
               WITH ORDINALITY AS k(grainidhash, graintypehash, grainidn0, grainidn1, graintypestring, grainidextensionstring, unit)
          JOIN OrleansStorage s
            ON s.grainidhash = k.grainidhash
           AND s.graintypehash = k.graintypehash
           AND s.grainidn0 = k.grainidn0
           AND s.grainidn1 = k.grainidn1
           AND s.graintypestring = k.graintypestring
           AND s.grainidextensionstring IS NOT DISTINCT FROM k.grainidextensionstring
           AND s.serviceid = $7
        """;

    private readonly OneBatchInFlight<PendingRead> batches =
        new(maxBatchSize, batch => ReadBatchAsync(dataSource, serviceId, telemetry, batch));

    /// <summary>A stored state row: its payload (null when cleared) and version.</summary>
    public sealed record StoredState(byte[]? Payload, int Version);

    private sealed record PendingRead(StateRowKey Row)
    {
        public TaskCompletionSource<StoredState?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The row of <paramref name="row"/>, or null when there is none.</summary>
    public Task<StoredState?> ReadAsync(StateRowKey row)
    {
        var read = new PendingRead(row);
        batches.Add(read);
        return read.Done.Task;
    }

    private static async Task ReadBatchAsync(NpgsqlDataSource dataSource, string serviceId, ReceptionistTelemetry telemetry, List<PendingRead> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var rows = new StoredState?[batch.Count];
            await using (var command = dataSource.CreateCommand(ReadSql))
            {
                var p = command.Parameters;
                p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. batch.Select(r => r.Row.GrainIdHash)] });
                p.Add(new NpgsqlParameter<int[]> { TypedValue = [.. batch.Select(r => r.Row.GrainTypeHash)] });
                p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(r => r.Row.GrainIdN0)] });
                p.Add(new NpgsqlParameter<long[]> { TypedValue = [.. batch.Select(r => r.Row.GrainIdN1)] });
                p.Add(new NpgsqlParameter<string[]> { TypedValue = [.. batch.Select(r => r.Row.GrainTypeString)] });
                p.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. batch.Select(r => r.Row.GrainIdExtension)] });
                p.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows[reader.GetInt64(0) - 1] = new StoredState(reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1), reader.GetInt32(2));
                }
            }

            telemetry.RecordBatch(ReceptionistTelemetry.Batches.GrainStateRead, batch.Count, Stopwatch.GetElapsedTime(started), succeeded: true);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(rows[i]);
            }
        }
        catch (Exception e)
        {
            telemetry.RecordBatch(ReceptionistTelemetry.Batches.GrainStateRead, batch.Count, Stopwatch.GetElapsedTime(started), succeeded: false);
            batch.ForEach(r => r.Done.TrySetException(e));
        }
    }
}
