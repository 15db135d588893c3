using System.ComponentModel.DataAnnotations;

namespace Receptionist.Grains.Reconciliation;

/// <summary>
/// Configuration section <c>Reconciliation</c>: when a call or message that never received a final status is fetched
/// from SignalWire and its state applied as if the lost callback had come.
/// </summary>
public sealed class ReconciliationOptions : IValidatableObject
{
    public const string SectionName = "Reconciliation";

    /// <summary>Off: nothing is swept (the reminders of an earlier deployment unregister themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How old a call must be, with no final status, before SignalWire is asked about it; also the first wait before
    /// asking again about a call SignalWire still reports live (the wait doubles each time, up to six hours). Longer
    /// than for messages: a live call is not a lost callback.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CallsAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The same for messages (and auto-replies whose send timed out).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MessagesAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Calls and messages older than this are no longer asked about (SignalWire keeps logs for a while, not forever).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "90.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How often each sweeper runs (an Orleans reminder, so it survives silo restarts).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Tick { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many calls, and as many messages, are checked per sweeper and tick.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Requests to SignalWire one sweeper has in flight at once.</summary>
    [Range(1, 32)]
    public int MaxConcurrentFetches { get; set; } = 4;

    /// <summary>Sweepers, each owning the SIDs that hash to it; one is enough until a tick cannot keep up.</summary>
    [Range(1, 64)]
    public int Shards { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (GiveUpAfter <= CallsAfter || GiveUpAfter <= MessagesAfter)
        {
            yield return new ValidationResult($"{nameof(GiveUpAfter)} must be longer than {nameof(CallsAfter)} and {nameof(MessagesAfter)}.", [nameof(GiveUpAfter)]);
        }
    }
}
