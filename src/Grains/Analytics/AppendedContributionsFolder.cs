using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Receptionist.Grains.Analytics;

/// <summary>
/// Every <see cref="AnalyticsOptions.FoldInterval"/>, folds the contributions state writes appended into the tenants'
/// ledgers and rollups, so the appended rows stay few and a report's own fold has little left to do. Every silo runs
/// one; a tenant another silo is folding is skipped. A failed fold is logged and tried again on the next tick: the
/// rows stay appended, and reads still fold them first.
/// </summary>
public sealed partial class AppendedContributionsFolder(
    PostgresAnalyticsStore store, IOptions<AnalyticsOptions> options, TimeProvider clock, ILogger<AppendedContributionsFolder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FoldInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await store.FoldAppendedAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFoldFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Folding appended analytics contributions failed; trying again on the next tick")]
    private static partial void LogFoldFailed(ILogger logger, Exception exception);
}
