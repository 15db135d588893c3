namespace SignalWire.Emulator.Playout;

/// <summary>Runs playouts in the background and, at shutdown, cancels and awaits them so none outlives the app.</summary>
internal sealed class BackgroundWork(ILogger<BackgroundWork> logger) : IHostedService
{
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock gate = new();
    private readonly HashSet<Task> running = [];

    public void Run(string what, Func<CancellationToken, Task> work)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Shutting down.
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Emulator playout {What} failed", what);
            }
        });
        lock (gate)
        {
            running.Add(task);
        }

        task.ContinueWith(t => { lock (gate) { running.Remove(t); } }, TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        Task[] pending;
        lock (gate)
        {
            pending = [.. running];
        }

        await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
