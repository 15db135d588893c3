using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Receptionist.Grains.Calls;

/// <summary>No state: subscribers are silos that renew well within <see cref="SubscriptionLifetime"/>.</summary>
public sealed class CallFeedGrain(ILogger<CallFeedGrain> logger) : Grain, ICallFeedGrain
{
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(2);

    private readonly ObserverManager<ICallFeedObserver> observers = new(SubscriptionLifetime, logger);

    Task ICallFeedGrain.Subscribe(ICallFeedObserver observer)
    {
        observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    Task ICallFeedGrain.Unsubscribe(ICallFeedObserver observer)
    {
        observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    Task ICallFeedGrain.Publish(CallSummary change)
    {
        if (GrainKeys.IdOf(this.GetPrimaryKeyString()) == change.TenantId)
        {
            observers.Notify(o => o.OnCallChanged(change));
        }

        return Task.CompletedTask;
    }
}
