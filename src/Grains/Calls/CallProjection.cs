namespace Receptionist.Grains.Calls;

/// <summary>Derives what a call looks like from its accepted events (sorted by <see cref="CallEventOrder"/>).</summary>
public static class CallProjection
{
    public static CallDetails Project(string callSid, string tenantId, IReadOnlyList<CallEvent> events)
    {
        CallStatus? status = null;
        DateTimeOffset? rangAt = null, answeredAt = null, endedAt = null;
        int? duration = null;
        decimal? price = null;
        string? priceUnit = null, answeredBy = null, from = null, to = null, direction = null;
        foreach (var e in events)
        {
            // Recording callbacks carry no parties; the first call event that names them wins.
            if (e.Kind != CallEventKind.Recording)
            {
                from ??= e.From;
                to ??= e.To;
                direction ??= e.Direction;
            }

            if (e.Status is { } next)
            {
                // Forward only, and a terminal status is final.
                if (status is null || (!status.Value.IsTerminal() && next.Rank() > status.Value.Rank()))
                {
                    status = next;
                }

                switch (next)
                {
                    case CallStatus.Ringing:
                        rangAt ??= e.OccurredAt;
                        break;
                    case CallStatus.InProgress:
                        answeredAt ??= e.OccurredAt;
                        break;
                    case var terminal when terminal.IsTerminal():
                        endedAt ??= e.OccurredAt;
                        break;
                }
            }

            duration = e.DurationSeconds ?? duration;
            price = e.Price ?? price;
            priceUnit = e.PriceUnit ?? priceUnit;
            answeredBy = e.AnsweredBy ?? answeredBy;
        }

        var summary = new CallSummary
        {
            CallSid = callSid,
            TenantId = tenantId,
            Direction = direction?.StartsWith("outbound", StringComparison.OrdinalIgnoreCase) == true ? "outbound" : "inbound",
            Status = status ?? CallStatus.Queued,
            From = from,
            To = to,
            CreatedAt = events.Count > 0 ? events[0].OccurredAt : DateTimeOffset.MinValue,
            RangAt = rangAt,
            AnsweredAt = answeredAt,
            EndedAt = endedAt,
            DurationSeconds = duration,
            Price = price,
            PriceUnit = priceUnit,
            AnsweredBy = answeredBy,
            Version = events.Count,
        };
        return new CallDetails(summary, Recordings(events), Timeline(events));
    }

    /// <summary>
    /// The events as the call's history shows them: each status once, where it first happened. SignalWire reports some
    /// twice (the voice request and the status callback both say <c>in-progress</c>, one timed by our clock and one by
    /// its header; a priced <c>completed</c> follows the first); the later copy corrects the first (price, duration).
    /// </summary>
    private static List<CallEvent> Timeline(IReadOnlyList<CallEvent> events)
    {
        var shown = new List<CallEvent>(events.Count);
        var byStatus = new Dictionary<CallStatus, int>();
        foreach (var e in events)
        {
            if (e.Kind is CallEventKind.Status or CallEventKind.VoiceRequest && e.Status is { } status)
            {
                if (byStatus.TryGetValue(status, out var first))
                {
                    var earlier = shown[first];
                    shown[first] = earlier with
                    {
                        DurationSeconds = e.DurationSeconds ?? earlier.DurationSeconds,
                        Price = e.Price ?? earlier.Price,
                        PriceUnit = e.PriceUnit ?? earlier.PriceUnit,
                        AnsweredBy = earlier.AnsweredBy ?? e.AnsweredBy,
                        SequenceNumber = earlier.SequenceNumber ?? e.SequenceNumber,
                    };
                    continue;
                }

                byStatus[status] = shown.Count;
            }

            shown.Add(e);
        }

        return shown;
    }

    /// <summary>
    /// One entry per recording. Recording callbacks rarely carry a timestamp (so arrival order leaks into their time);
    /// the most advanced recording status therefore wins, not the latest one.
    /// </summary>
    private static List<CallRecording> Recordings(IReadOnlyList<CallEvent> events) =>
        events
            .Where(e => !string.IsNullOrEmpty(e.RecordingSid))
            .GroupBy(e => e.RecordingSid!, StringComparer.Ordinal)
            .Select(g =>
            {
                var byProgress = g.OrderBy(e => RecordingRank(e.RecordingStatus)).ThenBy(e => e, CallEventOrder.Instance).ToList();
                return new CallRecording(
                    g.Key,
                    byProgress.LastOrDefault(e => e.RecordingUrl is not null)?.RecordingUrl,
                    byProgress.LastOrDefault(e => e.RecordingStatus is not null)?.RecordingStatus ?? "completed",
                    byProgress.LastOrDefault(e => e.RecordingDurationSeconds is not null)?.RecordingDurationSeconds);
            })
            .OrderBy(r => r.RecordingSid, StringComparer.Ordinal)
            .ToList();

    private static int RecordingRank(string? status) => status?.ToLowerInvariant() switch
    {
        "in-progress" => 0,
        "paused" or "resumed" => 1,
        null => 2,
        _ => 3,
    };
}
