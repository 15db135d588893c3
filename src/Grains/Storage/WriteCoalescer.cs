namespace Receptionist.Grains.Storage;

/// <summary>
/// Lets a reentrant grain decide one request at a time while its requests share state writes: a request enters
/// (<see cref="EnterAsync"/>), changes the state in memory, asks for the write that will carry it
/// (<see cref="Durable"/>), leaves (<see cref="Exit"/>) and then awaits that write. Requests that arrive while a write
/// is in flight, or while others wait to decide, are carried by one next write, started when the grain has nobody
/// left to decide (or <see cref="MaxDeferred"/> requests have), or when the write in flight returns. Only one write is
/// in flight at a time, and it starts between decisions, never in the middle of one.
/// </summary>
/// <remarks>
/// Not thread-safe, and need not be: an activation runs one turn at a time, even reentrant.
/// </remarks>
public sealed class WriteCoalescer(Func<Task> write)
{
    /// <summary>Requests a pending write may wait for before it starts with others still waiting to decide.</summary>
    public const int MaxDeferred = 32;

    private readonly Queue<TaskCompletionSource> entering = new();
    private bool inside;

    /// <summary>Memory holds changes no write in flight carries (or a failed write's, which must be written again).</summary>
    private bool ahead;

    private TaskCompletionSource? next;
    private Task? inFlight;
    private int deferred;

    /// <summary>Completes when the caller may decide: every earlier request has finished changing memory.</summary>
    public Task EnterAsync()
    {
        if (!inside)
        {
            inside = true;
            return Task.CompletedTask;
        }

        var turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        entering.Enqueue(turn);
        return turn.Task;
    }

    /// <summary>
    /// The write that makes memory as it is now durable (call it inside, after deciding): the next write when
    /// <paramref name="changed"/> or memory is ahead of what is being written; the write in flight when it carries
    /// everything already (a duplicate must not be acknowledged before what it repeats is durable); none otherwise.
    /// A failed write fails exactly the requests that awaited it.
    /// </summary>
    public Task Durable(bool changed)
    {
        ahead |= changed;
        if (ahead)
        {
            deferred++;
            return (next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }

        return inFlight ?? Task.CompletedTask;
    }

    /// <summary>Memory may hold changes of a decision that failed half-way: whoever asks next waits for a write.</summary>
    public void MayBeAhead() => ahead = true;

    /// <summary>Leaves the decision: hands it to the next request, starting the pending write first when its turn has come.</summary>
    public void Exit()
    {
        if (inFlight is null && next is not null && (entering.Count == 0 || deferred >= MaxDeferred))
        {
            Start();
        }

        if (entering.TryDequeue(out var turn))
        {
            turn.SetResult();
        }
        else
        {
            inside = false;
        }
    }

    private void Start()
    {
        var waiters = next!;
        next = null;
        ahead = false;
        deferred = 0;
        inFlight = waiters.Task;
        _ = RunAsync(waiters);
    }

    private async Task RunAsync(TaskCompletionSource waiters)
    {
        try
        {
            // Runs synchronously up to its first await, here, between two decisions: it takes memory as it is now.
            await write();
            waiters.SetResult();
        }
        catch (Exception e)
        {
            ahead = true;
            waiters.SetException(e);
        }

        inFlight = null;
        if (!inside && next is not null)
        {
            Start();
        }
    }
}
