using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Receptionist.Grains.Observability;

/// <summary>
/// The product's own meters and activity source, in one place for every project (it lives beside the grain interfaces
/// because both the HTTP layer and the grains report into it). One instance per host (a DI singleton). Instrument names
/// and units are documented in the README; a new instrument goes here and there.
/// </summary>
/// <remarks>
/// The meter is never disposed: OpenTelemetry folds the same-named instruments of every meter called
/// <see cref="Name"/> in the process into one stream and drops that stream when any of those meters is disposed, so
/// one host stopping (several run in one test process) would erase the counts of the others. It lives as long as
/// the process, like a static meter, but with one per host so the host's gauges read the host's state.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The meter must outlive the host; see the remarks.")]
public sealed class ReceptionistTelemetry
{
    /// <summary>The meter and activity source name an exporter subscribes to.</summary>
    public const string Name = "Receptionist";

    /// <summary>Spans of our own (log batches); static because an <see cref="ActivitySource"/> is immutable and process-wide.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>The batches that report <see cref="RecordBatch"/>.</summary>
    public static class Batches
    {
        public const string CallLog = "call_log";
        public const string Analytics = "analytics";
        public const string GrainState = "grain_state";
        public const string GrainStateRead = "grain_state_read";
    }

    // Seconds-valued histograms: OpenTelemetry's default buckets are meant for milliseconds.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    private static readonly InstrumentAdvice<int> SizeBuckets = new() { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] };

    private readonly Meter meter;
    private readonly Counter<long> webhooks;
    private readonly Histogram<double> webhookDuration;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> batchDuration;
    private readonly Counter<long> signalWireRequests;
    private readonly Histogram<double> signalWireDuration;
    private readonly Counter<long> optOutRefusals;
    private readonly ConcurrentDictionary<object, long> unfoldedAnalytics = new(ReferenceEqualityComparer.Instance);
    private readonly UpDownCounter<int> liveCalls;

    public ReceptionistTelemetry()
    {
        meter = new Meter(new MeterOptions(Name) { Scope = this });
        webhooks = meter.CreateCounter<long>("receptionist.webhooks", "{webhook}",
            "SignalWire webhooks answered, by route, outcome (accepted, duplicate, stale, pending, rejected) and reason when rejected.");
        webhookDuration = meter.CreateHistogram("receptionist.webhook.duration", "s",
            "Time from a webhook's arrival to its answer, by route and outcome.", advice: SecondsBuckets);
        batchSize = meter.CreateHistogram("receptionist.batch.size", "{item}",
            "Items written together in one durable batch, by batch (grain_state, call_log, analytics).", advice: SizeBuckets);
        batchDuration = meter.CreateHistogram("receptionist.batch.duration", "s",
            "Time to make one batch durable, by batch and outcome (ok, failed).", advice: SecondsBuckets);
        signalWireRequests = meter.CreateCounter<long>("receptionist.signalwire.requests", "{request}",
            "Requests to SignalWire's REST API, by operation and outcome (ok, refused, upstream, timeout).");
        signalWireDuration = meter.CreateHistogram("receptionist.signalwire.duration", "s",
            "Time SignalWire took to answer, by operation and outcome.", advice: SecondsBuckets);
        optOutRefusals = meter.CreateCounter<long>("receptionist.sms.opt_out_refusals", "{message}",
            "Outbound SMS refused because the recipient opted out.");
        meter.CreateObservableGauge("receptionist.analytics.lag", AnalyticsLag, "s",
            "Age of the oldest analytics contribution on this silo not yet folded into its tenant's totals (0 when none waits).");
        liveCalls = meter.CreateUpDownCounter<int>("receptionist.calls.live", "{call}",
            "Calls active on this silo whose status is not final.");
    }

    public void RecordWebhook(string route, string outcome, string? reason, TimeSpan duration)
    {
        var tags = new TagList { { "route", route }, { "outcome", outcome } };
        webhookDuration.Record(duration.TotalSeconds, tags);
        if (reason is not null)
        {
            tags.Add("reason", reason);
        }

        webhooks.Add(1, tags);
    }

    public void RecordBatch(string batch, int size, TimeSpan duration, bool succeeded)
    {
        batchSize.Record(size, new KeyValuePair<string, object?>("batch", batch));
        batchDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("batch", batch),
            new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "failed"));
    }

    public void RecordSignalWireRequest(string operation, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "operation", operation }, { "outcome", outcome } };
        signalWireRequests.Add(1, tags);
        signalWireDuration.Record(duration.TotalSeconds, tags);
    }

    public void RecordOptOutRefusal() => optOutRefusals.Add(1);

    /// <summary>Marks analytics work (a batch) waiting to be folded; dispose the result once it is folded or failed.</summary>
    public IDisposable AnalyticsWaiting()
    {
        var token = new object();
        unfoldedAnalytics[token] = Stopwatch.GetTimestamp();
        return new Release(() => unfoldedAnalytics.TryRemove(token, out _));
    }

    /// <summary>A call's grain on this silo became live (+1) or stopped being live (-1): final status, or deactivated.</summary>
    public void CountLiveCall(int delta) => liveCalls.Add(delta);

    private double AnalyticsLag()
    {
        var oldest = long.MaxValue;
        foreach (var started in unfoldedAnalytics.Values)
        {
            oldest = Math.Min(oldest, started);
        }

        return oldest == long.MaxValue ? 0 : Stopwatch.GetElapsedTime(oldest).TotalSeconds;
    }

    private sealed class Release(Action release) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                release();
            }
        }
    }
}
