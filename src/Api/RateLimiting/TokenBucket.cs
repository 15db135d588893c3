namespace Receptionist.Api.RateLimiting;

/// <summary>
/// One tenant's token bucket on one silo, without a lock: the tokens left and the period they were last topped up in
/// share one 64-bit word, changed by compare-and-swap. It holds at most <see cref="Limit"/> tokens and gains
/// <see cref="PerPeriod"/> at the start of every period (counted from the bucket's creation), as the framework's
/// auto-replenishing token bucket does on its timer. A bucket that is full is worth no more than a new one, so it may be
/// retired (<see cref="TryRetire"/>): a request that still holds it then takes a new one instead.
/// </summary>
internal sealed class TokenBucket
{
    private const int TokenBits = 21;
    private const long TokenMask = (1L << TokenBits) - 1;
    private const long Retired = -1;

    private readonly long createdAt;
    private readonly long periodTicks;
    private long state;

    /// <param name="limit">The bucket's size, at most 2^21 - 1 (the options allow 1 000 000).</param>
    public TokenBucket(int limit, int perPeriod, long createdAt, long periodTicks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, (int)TokenMask);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perPeriod);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodTicks);
        Limit = limit;
        PerPeriod = perPeriod;
        this.createdAt = createdAt;
        this.periodTicks = periodTicks;
        state = Pack(0, limit);
    }

    public int Limit { get; }

    public int PerPeriod { get; }

    /// <summary>Takes one token at <paramref name="now"/> (a timestamp of the same clock as the creation time).</summary>
    public TakeResult TryTake(long now)
    {
        var period = PeriodAt(now);
        while (true)
        {
            var current = Volatile.Read(ref state);
            if (current == Retired)
            {
                return TakeResult.Retired;
            }

            var (tokens, toppedUpIn) = TokensAt(current, period);
            if (tokens == 0)
            {
                return TakeResult.Empty;
            }

            if (Interlocked.CompareExchange(ref state, Pack(toppedUpIn, tokens - 1), current) == current)
            {
                return TakeResult.Taken;
            }
        }
    }

    /// <summary>Ticks from <paramref name="now"/> until the next period starts, when an empty bucket has tokens again.</summary>
    public long TicksUntilNextPeriod(long now) => periodTicks - ((now - createdAt) % periodTicks);

    /// <summary>Retires the bucket if it is full at <paramref name="now"/>; a retired bucket refuses every take.</summary>
    public bool TryRetire(long now)
    {
        var current = Volatile.Read(ref state);
        return current != Retired && TokensAt(current, PeriodAt(now)).Tokens == Limit
            && Interlocked.CompareExchange(ref state, Retired, current) == current;
    }

    private long PeriodAt(long now) => Math.Max(0, (now - createdAt) / periodTicks);

    /// <summary>The tokens in the bucket at <paramref name="period"/>, and the period they were last topped up in (never earlier than before).</summary>
    private (long Tokens, long ToppedUpIn) TokensAt(long current, long period)
    {
        var tokens = current & TokenMask;
        var toppedUpIn = current >> TokenBits;
        return period > toppedUpIn
            ? (Math.Min(Limit, tokens + (Math.Min(period - toppedUpIn, Limit) * PerPeriod)), period)
            : (tokens, toppedUpIn);
    }

    private static long Pack(long period, long tokens) => (period << TokenBits) | tokens;

    public enum TakeResult
    {
        Taken,
        Empty,
        Retired,
    }
}
