namespace Receptionist.Grains.Storage;

/// <summary>
/// The batching every group commit shares (grain state and its reads, and the call log's own batches on the stock
/// storage): items added while a batch is being processed wait and form the next one, so an idle silo processes an item
/// at once (no timer) and a busy one many per round trip. One batch at a time; what a batch takes of the queue is the
/// caller's rule (<c>take</c> returns the batch and the items left for later).
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

    private async Task ProcessQueuedAsync()
    {
        while (true)
        {
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
