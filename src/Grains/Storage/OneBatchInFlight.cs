namespace Receptionist.Grains.Storage;

/// <summary>
/// The batching every group commit shares (grain state and its reads, and the call log's own batches on the stock
/// storage): items added while a batch is being processed wait and form the next one, so an idle silo processes an item
/// at once (no timer) and a busy one many per round trip. One batch at a time; what a batch takes of the queue is the
/// caller's rule (<c>take</c> returns the batch and the items left for later).
/// <para>
/// Under load the next batch is taken a little later: when a batch returns, the requests it released run their next
/// steps on the thread pool and add the items the next batch should carry. Taken at once, that batch held only what had
/// queued meanwhile (at 32 connections ~10 webhooks per group commit; after the released work has had its turn, ~12.5,
/// and each webhook's share of a commit's fixed cost falls). So, only after a batch of at least
/// <see cref="BusyBatchSize"/> items (what two connections rarely make), the loop yields to work queued on the
/// pool while fewer items are queued than that batch carried, at most <see cref="MaxYields"/> times. A lightly loaded
/// silo never waits; no timer, no sleep. Taking every batch late (no threshold) made webhooks 16-19 % slower at two
/// connections, where the pool nearly always holds something (the released request's own continuation).
/// </para>
/// </summary>
public sealed class OneBatchInFlight<T>(Func<List<T>, (List<T> Batch, List<T> Left)> take, Func<List<T>, Task> process)
{
    /// <summary>The smallest batch after which the next one waits for the work it released.</summary>
    public const int BusyBatchSize = 3;

    /// <summary>How often the loop yields to queued work, at most, before it takes a batch.</summary>
    public const int MaxYields = 8;

    private readonly Lock gate = new();
    private List<T> queued = [];
    private bool processing;

    /// <summary>Batches of up to <paramref name="maxBatchSize"/> items in their order, the rest for later.</summary>
    public OneBatchInFlight(int maxBatchSize, Func<List<T>, Task> process)
        : this(queued => First(queued, maxBatchSize), process)
    {
    }

    public void Add(T item)
    {
        lock (gate)
        {
            queued.Add(item);
            if (!processing)
            {
                processing = true;

                // Off the caller's context: a grain's scheduler must not own the loop that serves every grain.
                _ = Task.Run(ProcessQueuedAsync, CancellationToken.None);
            }
        }
    }

    private static (List<T> Batch, List<T> Left) First(List<T> queued, int maxBatchSize) =>
        queued.Count <= maxBatchSize ? (queued, []) : (queued[..maxBatchSize], queued[maxBatchSize..]);

    private int QueuedCount()
    {
        lock (gate)
        {
            return queued.Count;
        }
    }

    private async Task ProcessQueuedAsync()
    {
        var previous = 0;
        while (true)
        {
            if (previous >= BusyBatchSize)
            {
                for (var i = 0; i < MaxYields && ThreadPool.PendingWorkItemCount > 0 && QueuedCount() < previous; i++)
                {
                    await Task.Yield();
                }
            }

            List<T> batch;
            lock (gate)
            {
                if (queued.Count == 0)
                {
                    processing = false;
                    return;
                }

                (batch, queued) = take(queued);
            }

            previous = batch.Count;
            await process(batch);
        }
    }
}
