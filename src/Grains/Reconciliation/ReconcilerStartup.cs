using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Receptionist.Grains.Reconciliation;

/// <summary>
/// Starts the sweepers with no manual step: every silo, once active, asks each shard's sweeper to register its reminder
/// (the first ask registers it, the others find it). Retried in the background while the database is unreachable.
/// </summary>
public sealed class ReconcilerStartup(IGrainFactory grains, IOptions<ReconciliationOptions> options, ILogger<ReconcilerStartup> logger)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ReconcilerStartup), ServiceLifecycleStage.Active, OnActive, OnStop);

    private Task OnActive(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _ = StartSweepersAsync();
        }

        return Task.CompletedTask;
    }

    private Task OnStop(CancellationToken cancellationToken)
    {
        stopping.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose() => stopping.Dispose();

    private async Task StartSweepersAsync()
    {
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.WhenAll(Enumerable.Range(0, options.Value.Shards).Select(shard => grains.GetGrain<IReconcilerGrain>(IReconcilerGrain.Key(shard)).Start()));
                return;
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(5 * attempt, 60));
                logger.LogWarning("Could not start the reconciliation sweepers, retrying in {Delay}: {Error}", delay, e.Message);
                try
                {
                    await Task.Delay(delay, stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
