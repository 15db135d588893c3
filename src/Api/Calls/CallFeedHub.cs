using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Receptionist.Grains;
using Receptionist.Grains.Calls;

namespace Receptionist.Api.Calls;

/// <summary>
/// This silo's end of the live call feed: one observer for the whole silo, subscribed to the feed grain of every
/// tenant that has a live stream open here, fanning each change out to that tenant's local listeners only.
/// </summary>
public sealed class CallFeedHub(IGrainFactory grains, ILogger<CallFeedHub> logger) : ICallFeedObserver, IDisposable
{
    // A slow browser must not hold memory without bound: it loses its oldest changes instead.
    private const int ListenerCapacity = 1_000;

    private readonly Dictionary<string, HashSet<Channel<CallSummary>>> listeners = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);
    private ICallFeedObserver? reference;

    /// <summary>Starts listening to a tenant's call changes; the changes flow once this returns.</summary>
    public async Task<CallFeedListener> ListenAsync(string tenantId, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<CallSummary>(new BoundedChannelOptions(ListenerCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        await gate.WaitAsync(cancellationToken);
        try
        {
            lock (listeners)
            {
                if (!listeners.TryGetValue(tenantId, out var channels))
                {
                    listeners[tenantId] = channels = [];
                }

                channels.Add(channel);
            }

            reference ??= grains.CreateObjectReference<ICallFeedObserver>(this);
            await Feed(tenantId).Subscribe(reference);
        }
        finally
        {
            gate.Release();
        }

        return new CallFeedListener(channel.Reader, () => StopAsync(tenantId, channel));
    }

    /// <summary>How many live streams of a tenant this silo serves right now.</summary>
    public int ListenerCount(string tenantId)
    {
        lock (listeners)
        {
            return listeners.TryGetValue(tenantId, out var channels) ? channels.Count : 0;
        }
    }

    /// <summary>Renews this silo's subscriptions before the feed grains let them expire (or forgot them by moving).</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
    {
        string[] tenants;
        lock (listeners)
        {
            tenants = [.. listeners.Keys];
        }

        foreach (var tenantId in tenants)
        {
            try
            {
                await Feed(tenantId).Subscribe(reference!);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not renew the live call feed of tenant {TenantId}; retrying at the next renewal", tenantId);
            }
        }
    }

    Task ICallFeedObserver.OnCallChanged(CallSummary change)
    {
        lock (listeners)
        {
            if (listeners.TryGetValue(change.TenantId, out var channels))
            {
                foreach (var channel in channels)
                {
                    channel.Writer.TryWrite(change);
                }
            }
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(string tenantId, Channel<CallSummary> channel)
    {
        channel.Writer.TryComplete();
        await gate.WaitAsync();
        try
        {
            bool last;
            lock (listeners)
            {
                last = listeners.TryGetValue(tenantId, out var channels) && channels.Remove(channel) && channels.Count == 0;
                if (last)
                {
                    listeners.Remove(tenantId);
                }
            }

            if (last && reference is not null)
            {
                await Feed(tenantId).Unsubscribe(reference);
            }
        }
        catch (Exception e)
        {
            // The subscription expires on its own; a failed unsubscribe only costs a few ignored notifications.
            logger.LogDebug(e, "Could not unsubscribe from the live call feed of tenant {TenantId}", tenantId);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private ICallFeedGrain Feed(string tenantId) => grains.GetGrain<ICallFeedGrain>(GrainKeys.Tenant(tenantId));
}

/// <summary>One open live stream; disposing it (once, or more) ends it.</summary>
public sealed class CallFeedListener(ChannelReader<CallSummary> reader, Func<Task> stop) : IAsyncDisposable
{
    private int stopped;

    public ChannelReader<CallSummary> Reader => reader;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            await stop();
        }
    }
}
