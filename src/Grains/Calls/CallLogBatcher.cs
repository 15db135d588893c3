using System.Diagnostics;
using Receptionist.Grains.Observability;
using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Calls;

/// <summary>
/// Group commit for the call log: upserts from all call grains of this silo that arrive while a batch is being written
/// are written together in the next one, so under load many webhooks share one round trip and one WAL flush, and an
/// idle silo still writes at once (no timer). Every caller awaits its own batch's commit, so a webhook is acknowledged
/// only after its row is durable, exactly as with one statement per upsert.
/// </summary>
/// <remarks>Each batch reports its size and commit time to <see cref="ReceptionistTelemetry"/> when one is given.</remarks>
public sealed class CallLogBatcher
{
    private readonly Func<IReadOnlyList<CallSummary>, Task> writeBatch;
    private readonly Func<CallSummary, Task> writeOne;
    private readonly ReceptionistTelemetry? telemetry;
    private readonly OneBatchInFlight<Pending> batches;

    public CallLogBatcher(
        Func<IReadOnlyList<CallSummary>, Task> writeBatch, Func<CallSummary, Task> writeOne, int maxBatchSize = 512, ReceptionistTelemetry? telemetry = null)
    {
        this.writeBatch = writeBatch;
        this.writeOne = writeOne;
        this.telemetry = telemetry;
        batches = new OneBatchInFlight<Pending>(maxBatchSize, WriteAsync);
    }

    public Task UpsertAsync(CallSummary call, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(call);
        batches.Add(pending);
        return pending.Written.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        using var span = ReceptionistTelemetry.ActivitySource.StartActivity("call_log batch");
        span?.SetTag("receptionist.batch.size", batch.Count);
        var started = Stopwatch.GetTimestamp();
        var succeeded = false;
        try
        {
            succeeded = await WriteOrFallBackAsync(batch);
        }
        finally
        {
            telemetry?.RecordBatch(ReceptionistTelemetry.Batches.CallLog, batch.Count, Stopwatch.GetElapsedTime(started), succeeded);
        }
    }

    /// <summary>True when the batch's own statement committed (false: it failed and its rows were retried one by one).</summary>
    private async Task<bool> WriteOrFallBackAsync(List<Pending> batch)
    {
        try
        {
            if (batch.Count == 1)
            {
                await writeOne(batch[0].Call);
            }
            else
            {
                await writeBatch(Latest(batch));
            }

            batch.ForEach(p => p.Written.TrySetResult());
            return true;
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One row the database refuses must not fail its neighbours' webhooks: write them one by one instead.
            await Task.WhenAll(batch.Select(async p =>
            {
                try
                {
                    await writeOne(p.Call);
                    p.Written.TrySetResult();
                }
                catch (Exception e)
                {
                    p.Written.TrySetException(e);
                }
            }));

            return false;
        }
        catch (Exception e)
        {
            batch[0].Written.TrySetException(e);
            return false;
        }
    }

    /// <summary>
    /// One row per call (an upsert cannot touch a row twice in one statement); a call's grain awaits each write, so two
    /// versions of one call in one batch would only come from two activations, and the higher version wins anyway.
    /// </summary>
    private static List<CallSummary> Latest(List<Pending> batch) =>
        [.. batch.Select(p => p.Call).GroupBy(c => c.CallSid, StringComparer.Ordinal).Select(g => g.MaxBy(c => c.Version)!)];

    private sealed class Pending(CallSummary call)
    {
        public CallSummary Call { get; } = call;

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
