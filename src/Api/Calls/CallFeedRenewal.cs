using Microsoft.Extensions.Hosting;
using Receptionist.Grains.Calls;

namespace Receptionist.Api.Calls;

/// <summary>Keeps this silo's live-feed subscriptions alive: renews them well inside their lifetime.</summary>
public sealed class CallFeedRenewal(CallFeedHub hub) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await hub.RenewAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping.
        }
    }
}
