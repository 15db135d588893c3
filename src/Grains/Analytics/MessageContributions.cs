namespace Receptionist.Grains.Analytics;

/// <summary>
/// A message's contribution, from its state: what the message grain (issue 5) passes to
/// <see cref="IAnalyticsCollectorGrain.Contribute"/> after each accepted status, exactly as the call grain does:
/// <code>
/// if (MessageContributions.Of(sid, tenantId, version, createdAt, tenantNumber, direction, status, price, priceUnit) is { } c)
///     await GrainFactory.GetGrain&lt;IAnalyticsCollectorGrain&gt;(0).Contribute(c);
/// </code>
/// Outbound: counted as sent once the carrier took it (<c>sent</c>, <c>delivered</c>, <c>undelivered</c>), as
/// delivered on <c>delivered</c>, as failed on <c>failed</c> or <c>undelivered</c> (a message that failed before it was
/// sent is failed, not sent). Inbound: received. Queued/sending messages contribute nothing yet.
/// </summary>
public static class MessageContributions
{
    public static AnalyticsContribution? Of(string messageSid, string tenantId, int version, DateTimeOffset createdAt, string? tenantNumber,
        string direction, string status, decimal? price, string? priceUnit)
    {
        var inbound = direction.Equals("inbound", StringComparison.OrdinalIgnoreCase);
        var counts = (inbound, status.ToLowerInvariant()) switch
        {
            (true, "received") => new AnalyticsCounts { SmsReceived = 1 },
            (false, "sent") => new AnalyticsCounts { SmsSent = 1 },
            (false, "delivered") => new AnalyticsCounts { SmsSent = 1, SmsDelivered = 1 },
            (false, "undelivered") => new AnalyticsCounts { SmsSent = 1, SmsFailed = 1 },
            (false, "failed") => new AnalyticsCounts { SmsFailed = 1 },
            _ => null,
        };
        if (counts is null)
        {
            return null;
        }

        var priced = price is not null && !string.IsNullOrEmpty(priceUnit);
        return new AnalyticsContribution
        {
            Kind = ContributionKind.Message,
            Sid = messageSid,
            TenantId = tenantId,
            Version = version,
            OccurredAt = createdAt,
            PhoneNumber = tenantNumber ?? "",
            Counts = counts,
            Cost = priced ? Math.Abs(price!.Value) : 0m,
            Currency = priced ? priceUnit!.ToUpperInvariant() : "",
        };
    }
}
