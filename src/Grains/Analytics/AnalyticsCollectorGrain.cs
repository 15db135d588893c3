using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Receptionist.Grains.Observability;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// One per silo (<c>maxLocalWorkers: 1</c>, so every call grain of the silo shares its batches), reentrant so it keeps
/// collecting while a batch is on its way. A tenant's first contribution opens a batch that is sent after
/// <see cref="AnalyticsOptions.FlushWindow"/> (or at once when full); every contributor waits for its batch's outcome.
/// Nothing is acknowledged from here: a batch lost with this silo fails its contributors' webhooks, SignalWire retries
/// them, and the call grains send their contributions again (the tenant's ledger makes that harmless).
/// </summary>
[StatelessWorker(maxLocalWorkers: 1), Reentrant]
public sealed class AnalyticsCollectorGrain(IOptions<AnalyticsOptions> options, ReceptionistTelemetry telemetry) : Grain, IAnalyticsCollectorGrain
{
    private readonly Dictionary<string, Batch> open = new(StringComparer.Ordinal);

    async Task IAnalyticsCollectorGrain.Contribute(AnalyticsContribution contribution)
    {
        if (!open.TryGetValue(contribution.TenantId, out var batch))
        {
            open[contribution.TenantId] = batch = new Batch(contribution.TenantId, telemetry.AnalyticsWaiting());
            SendAfterWindowAsync(batch).Ignore();
        }

        batch.Contributions.Add(contribution);
        var applied = batch.Applied.Task;
        if (batch.Contributions.Count >= options.Value.MaxBatchSize)
        {
            SendAsync(batch).Ignore();
        }

        await applied;
    }

    private async Task SendAfterWindowAsync(Batch batch)
    {
        await Task.Delay(options.Value.FlushWindow);
        await SendAsync(batch);
    }

    private async Task SendAsync(Batch batch)
    {
        if (!open.Remove(batch.TenantId, out var current) || current != batch)
        {
            if (current is not null)
            {
                open[batch.TenantId] = current;
            }

            return; // Already sent (full before its window ended).
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await GrainFactory.GetGrain<ITenantAnalyticsGrain>(GrainKeys.Tenant(batch.TenantId)).ApplyContributions(batch.Contributions);
            telemetry.RecordBatch(ReceptionistTelemetry.Batches.Analytics, batch.Contributions.Count, Stopwatch.GetElapsedTime(started), succeeded: true);
            batch.Applied.TrySetResult();
        }
        catch (Exception e)
        {
            telemetry.RecordBatch(ReceptionistTelemetry.Batches.Analytics, batch.Contributions.Count, Stopwatch.GetElapsedTime(started), succeeded: false);
            batch.Applied.TrySetException(e);
        }
        finally
        {
            batch.Waiting.Dispose();
        }
    }

    private sealed class Batch(string tenantId, IDisposable waiting)
    {
        public string TenantId { get; } = tenantId;

        /// <summary>Counts towards the analytics lag until the batch is folded (or has failed).</summary>
        public IDisposable Waiting { get; } = waiting;

        public List<AnalyticsContribution> Contributions { get; } = [];

        public TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
