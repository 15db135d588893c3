using System.ComponentModel.DataAnnotations;

namespace Receptionist.Grains.Events;

/// <summary>Configuration section <c>Webhooks</c>: how tenants' events are delivered to their endpoints.</summary>
public sealed class WebhookOptions : IValidatableObject
{
    public const string SectionName = "Webhooks";

    /// <summary>How long one attempt may take before it counts as failed (the receiver is slow or gone).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The delay before the first retry; each later one doubles it, up to <see cref="MaxRetryDelay"/>, with jitter.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A delivery failing for this long is parked (kept in the log, sent again only by a replay).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The period of each tenant dispatcher's durable wake-up (an Orleans reminder): the longest an event waits when
    /// the silo that committed it died before waking the dispatcher.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WakePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Deliveries one dispatcher pass takes from the outbox; the next pass follows at once when there were more.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Endpoints of one tenant delivered to at once (each endpoint's deliveries go one after the other).</summary>
    [Range(1, 64)]
    public int MaxConcurrentEndpoints { get; set; } = 8;

    /// <summary>
    /// Accepts <c>http://127.0.0.1</c>, <c>http://[::1]</c> and <c>http://localhost</c> endpoint URLs (development and
    /// tests with a local receiver). Off: endpoints must be https.
    /// </summary>
    public bool AllowLoopbackHttp { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRetryDelay < FirstRetryDelay)
        {
            yield return new ValidationResult($"{nameof(MaxRetryDelay)} must not be shorter than {nameof(FirstRetryDelay)}.", [nameof(MaxRetryDelay)]);
        }
    }
}
