using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Receptionist.Api.RateLimiting;

/// <summary>
/// The silo's token buckets, one per tenant and cluster size: each silo enforces its share of the tenant's limit, the
/// configured rate and burst divided by the number of active silos, so a change in membership starts fresh buckets at
/// the new share. Buckets that are full (worth no more than new ones) are dropped at most once per
/// <see cref="SweepInterval"/>, so a silo keeps buckets only for tenants that used theirs recently.
/// </summary>
public sealed class TenantRateLimiter(IOptions<TenantRateLimitOptions> options, TimeProvider time)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<(string Tenant, int Silos), TokenBucket> buckets = new();
    private readonly Func<(string Tenant, int Silos), TokenBucket> create = key => NewBucket(options.Value, key.Silos, time);
    private long nextSweep = time.GetTimestamp() + Ticks(SweepInterval, time);

    /// <summary>Takes one permit of <paramref name="tenant"/>'s; null when granted, else how long until one is free.</summary>
    public TimeSpan? TryAcquire(string tenant, int activeSilos)
    {
        var now = time.GetTimestamp();
        SweepIfDue(now);
        var key = (tenant, Math.Max(1, activeSilos));
        while (true)
        {
            var bucket = buckets.GetOrAdd(key, create);
            switch (bucket.TryTake(now))
            {
                case TokenBucket.TakeResult.Taken:
                    return null;
                case TokenBucket.TakeResult.Empty:
                    return time.GetElapsedTime(0, bucket.TicksUntilNextPeriod(now));
                default:
                    // Retired by a sweep between the lookup and the take: it was full, and its successor is too.
                    buckets.TryRemove(new KeyValuePair<(string, int), TokenBucket>(key, bucket));
                    break;
            }
        }
    }

    private void SweepIfDue(long now)
    {
        var due = Interlocked.Read(ref nextSweep);
        if (now < due || Interlocked.CompareExchange(ref nextSweep, now + Ticks(SweepInterval, time), due) != due)
        {
            return;
        }

        foreach (var (key, bucket) in buckets)
        {
            if (bucket.TryRetire(now))
            {
                buckets.TryRemove(new KeyValuePair<(string, int), TokenBucket>(key, bucket));
            }
        }
    }

    private static TokenBucket NewBucket(TenantRateLimitOptions limits, int silos, TimeProvider time) =>
        new(Share(limits.Burst, silos), Share(limits.PermitsPerSecond, silos), time.GetTimestamp(), Ticks(TimeSpan.FromSeconds(1), time));

    private static int Share(int limit, int silos) => Math.Max(1, limit / silos);

    private static long Ticks(TimeSpan span, TimeProvider time) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
