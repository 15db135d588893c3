using Orleans.Concurrency;

namespace Receptionist.Grains.Calls;

/// <summary>
/// A tenant's live call changes (key: <see cref="GrainKeys.Tenant"/>). Each silo that serves live streams to the
/// tenant subscribes one observer and fans out locally, so a change crosses the network once per silo, not once per
/// browser. Subscriptions expire unless renewed, so a silo that dies stops costing anything.
/// </summary>
[Alias("call-feed")]
public interface ICallFeedGrain : IGrainWithStringKey
{
    [Alias("subscribe")]
    Task Subscribe(ICallFeedObserver observer);

    [Alias("unsubscribe")]
    Task Unsubscribe(ICallFeedObserver observer);

    /// <summary>Best effort: the change is already durable, a lost notification only delays a live view.</summary>
    [Alias("publish"), OneWay]
    Task Publish(CallSummary change);
}

[Alias("call-feed-observer")]
public interface ICallFeedObserver : IGrainObserver
{
    [Alias("on-call-changed"), OneWay]
    Task OnCallChanged(CallSummary change);
}
