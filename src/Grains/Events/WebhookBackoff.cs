namespace Receptionist.Grains.Events;

/// <summary>
/// When a failed delivery is tried next: <see cref="WebhookOptions.FirstRetryDelay"/> doubled per earlier failure,
/// capped at <see cref="WebhookOptions.MaxRetryDelay"/>, then spread by ±20 % so the retries of many deliveries that
/// failed together (an endpoint that was down) do not return together. Null: the retry window is over, park it.
/// </summary>
public static class WebhookBackoff
{
    public static DateTimeOffset? NextAttempt(WebhookOptions options, int failures, DateTimeOffset retryFrom, DateTimeOffset now, double random)
    {
        var exponent = Math.Min(failures - 1, 30);
        var delay = TimeSpan.FromTicks((long)Math.Min(options.MaxRetryDelay.Ticks, options.FirstRetryDelay.Ticks * Math.Pow(2, exponent)));
        var jittered = delay * (0.8 + (0.4 * random));
        var next = now + jittered;
        return next > retryFrom + options.RetryWindow ? null : next;
    }
}
