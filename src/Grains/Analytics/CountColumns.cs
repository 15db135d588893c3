namespace Receptionist.Grains.Analytics;

/// <summary>The counters of <see cref="AnalyticsCounts"/> as table columns, in one fixed order (SQL and arrays alike).</summary>
public static class CountColumns
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "calls_total", "calls_answered", "calls_missed", "calls_failed", "calls_inbound", "calls_outbound",
        "talk_seconds", "sms_sent", "sms_received", "sms_delivered", "sms_failed",
    ];

    public static long[] ToArray(AnalyticsCounts c) =>
    [
        c.CallsTotal, c.CallsAnswered, c.CallsMissed, c.CallsFailed, c.CallsInbound, c.CallsOutbound,
        c.TalkSeconds, c.SmsSent, c.SmsReceived, c.SmsDelivered, c.SmsFailed,
    ];

    public static AnalyticsCounts FromArray(IReadOnlyList<long> v) => new()
    {
        CallsTotal = v[0],
        CallsAnswered = v[1],
        CallsMissed = v[2],
        CallsFailed = v[3],
        CallsInbound = v[4],
        CallsOutbound = v[5],
        TalkSeconds = v[6],
        SmsSent = v[7],
        SmsReceived = v[8],
        SmsDelivered = v[9],
        SmsFailed = v[10],
    };
}
