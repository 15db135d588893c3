using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Receptionist.Grains.Events;

/// <summary>
/// Delivers one tenant's outbox. One activation per tenant is the one sender of the tenant's deliveries, so under normal
/// operation nothing is sent twice; a delivery is marked done only after its endpoint answered 2xx, so a silo that
/// dies mid-attempt costs at most a repeat with the same <c>webhook-id</c>, never a loss.
/// <para>
/// Wake-ups: the grain that committed an event wakes it at once (one-way, may be lost); a grain timer brings the next
/// retry due within <see cref="WebhookOptions.WakePeriod"/>; an Orleans reminder of that period, registered while the
/// tenant has endpoints, is the durable one: it reactivates the dispatcher on a surviving silo and picks up whatever
/// a dead silo left behind. Reentrant so that a wake-up during a pass only asks for another pass.
/// </para>
/// </summary>
[Reentrant]
public sealed class WebhookDispatcherGrain(
    IWebhookOutbox outbox,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookDispatcherGrain> logger)
    : Grain, IWebhookDispatcherGrain, IRemindable
{
    private const string ReminderName = "deliver";

    /// <summary>Finished deliveries are kept this long in the delivery log.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private readonly WebhookOptions settings = options.Value;
    private Task? running;
    private bool again;
    private IGrainTimer? timer;

    private string TenantId => GrainKeys.IdOf(this.GetPrimaryKeyString());

    private IWebhookEndpointsGrain Endpoints => GrainFactory.GetGrain<IWebhookEndpointsGrain>(this.GetPrimaryKeyString());

    Task IWebhookDispatcherGrain.Wake()
    {
        Kick();
        return Task.CompletedTask;
    }

    async Task IWebhookDispatcherGrain.Start()
    {
        await this.RegisterOrUpdateReminder(ReminderName, settings.WakePeriod, settings.WakePeriod);
        Kick();
    }

    async Task<WebhookDelivery?> IWebhookDispatcherGrain.Replay(string endpointId, string deliveryId)
    {
        var delivery = await outbox.ReplayAsync(TenantId, endpointId, deliveryId, clock.GetUtcNow());
        if (delivery is not null)
        {
            logger.LogInformation("Tenant {TenantId} replays delivery {DeliveryId} to {EndpointId}", TenantId, deliveryId, endpointId);
            Kick();
        }

        return delivery;
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        var targets = await Endpoints.Targets();
        if (targets.Count == 0)
        {
            // No endpoint left to deliver to (what is pending waits for one to be enabled, which starts us again).
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        await outbox.PruneAsync(TenantId, clock.GetUtcNow() - Retention, settings.BatchSize);
        Kick();
        await running!;
    }

    /// <summary>Starts a pass, or asks the running one for another.</summary>
    private void Kick()
    {
        if (running is { IsCompleted: false })
        {
            again = true;
            return;
        }

        running = RunAsync();
    }

    private async Task RunAsync()
    {
        while (true)
        {
            again = false;
            try
            {
                var more = await PassAsync();
                if (more || again)
                {
                    continue;
                }

                await ScheduleNextAsync();
            }
            catch (Exception e)
            {
                // The outbox or the endpoints' grain failed (a database outage): try again later, the reminder as backstop.
                logger.LogWarning("Tenant {TenantId}: a webhook delivery pass failed, retrying in {Delay}: {Error}", TenantId, settings.FirstRetryDelay, e.Message);
                SetTimer(settings.FirstRetryDelay);
                return;
            }

            if (!again)
            {
                return;
            }
        }
    }

    /// <summary>One batch of due deliveries; true when the batch was full (more may be due).</summary>
    private async Task<bool> PassAsync()
    {
        var targets = await Endpoints.Targets();
        if (targets.Count == 0)
        {
            return false;
        }

        var due = await outbox.DueAsync(TenantId, [.. targets.Select(t => t.EndpointId)], clock.GetUtcNow(), settings.BatchSize);
        var byEndpoint = targets.ToDictionary(t => t.EndpointId);
        using var slots = new SemaphoreSlim(settings.MaxConcurrentEndpoints);
        await Task.WhenAll(due.GroupBy(d => d.EndpointId).Select(async group =>
        {
            await slots.WaitAsync();
            try
            {
                await DeliverAsync(byEndpoint[group.Key], [.. group]);
            }
            finally
            {
                slots.Release();
            }
        }));
        return due.Count == settings.BatchSize;
    }

    /// <summary>
    /// One endpoint's due deliveries, oldest first, each recorded as soon as it is known. After a failure the rest wait
    /// for the failed one's retry, so an endpoint that is down is tried once per retry, not once per queued event.
    /// </summary>
    private async Task DeliverAsync(WebhookTarget target, List<DueDelivery> deliveries)
    {
        for (var i = 0; i < deliveries.Count; i++)
        {
            var delivery = deliveries[i];
            var attempt = await sender.SendAsync(target, delivery.EventId, delivery.Payload);
            var attempts = delivery.Attempts.Append(attempt).TakeLast(WebhookDelivery.MaxKeptAttempts).ToList();
            var count = delivery.AttemptCount + 1;
            if (WebhookSender.Succeeded(attempt))
            {
                await outbox.RecordAsync(TenantId, new DeliveryChange(delivery.DeliveryId, WebhookDeliveryStatus.Succeeded, null, count, attempts));
                continue;
            }

            var next = WebhookBackoff.NextAttempt(settings, count, delivery.RetryFrom, clock.GetUtcNow(), Random.Shared.NextDouble());
            if (next is null)
            {
                logger.LogWarning("Tenant {TenantId}: delivery {DeliveryId} to {EndpointId} failed {Count} times in {Window}; parked ({Error})",
                    TenantId, delivery.DeliveryId, target.EndpointId, count, settings.RetryWindow, attempt.Error);
            }

            await outbox.RecordAsync(TenantId, new DeliveryChange(delivery.DeliveryId,
                next is null ? WebhookDeliveryStatus.Parked : WebhookDeliveryStatus.Pending, next, count, attempts));
            foreach (var held in deliveries.Skip(i + 1))
            {
                await outbox.RecordAsync(TenantId, new DeliveryChange(held.DeliveryId, WebhookDeliveryStatus.Pending,
                    next ?? clock.GetUtcNow(), held.AttemptCount, held.Attempts));
            }

            return;
        }
    }

    /// <summary>A timer for the next retry when it is due before the reminder's next tick.</summary>
    private async Task ScheduleNextAsync()
    {
        var targets = await Endpoints.Targets();
        var next = targets.Count == 0 ? null : await outbox.NextDueAsync(TenantId, [.. targets.Select(t => t.EndpointId)]);
        var delay = next - clock.GetUtcNow();
        if (delay is { } d && d < settings.WakePeriod)
        {
            SetTimer(d < TimeSpan.Zero ? TimeSpan.Zero : d);
        }
        else
        {
            timer?.Dispose();
            timer = null;
        }
    }

    private void SetTimer(TimeSpan delay)
    {
        timer?.Dispose();
        timer = this.RegisterGrainTimer(() =>
        {
            Kick();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions { DueTime = delay, Period = Timeout.InfiniteTimeSpan, Interleave = true });
    }
}
