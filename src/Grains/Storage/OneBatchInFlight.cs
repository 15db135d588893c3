namespace Receptionist.Grains.Storage;

/// <summary>
/// The batching every group commit shares (grain state and its reads, and the call log's own batches on the stock
/// storage): items added while a batch is being processed wait and form the next one, taken once the work that batch
/// released has had its turn on the thread pool, so an idle silo processes an item at once (no timer) and a busy one
/// many per round trip. One batch at a time; what a batch takes of the queue is the caller's rule (<c>take</c> returns
/// the batch and the items left for later).
/// </summary>
public sealed class OneBatchInFlight<T>(Func<List<T>, (List<T> Batch, List<T> Left)> take, Func<List<T>, Task> process)
{
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

    /// <summary>
    /// How often the loop lets work already queued on the thread pool run before it takes the next batch. A batch's
    /// return releases the grains it carried; their continuations, and the requests waiting behind them, make the items
    /// the next batch should carry. Taken at once, on a busy silo that batch held only what had queued meanwhile (at 32
    /// connections, ~3 state writes per commit); after the released work has had its turn, more (~4.3), and each item's
    /// share of a commit's fixed cost falls. Bounded, so a saturated pool still gets its batches; an idle one (nothing
    /// queued) takes the batch at once: no timer, no sleep.
    /// </summary>
    private const int MaxYieldsToQueuedWork = 8;

    private async Task ProcessQueuedAsync()
    {
        while (true)
        {
            for (var i = 0; i < MaxYieldsToQueuedWork && ThreadPool.PendingWorkItemCount > 0; i++)
            {
                await Task.Yield();
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

            await process(batch);
        }
    }
}
