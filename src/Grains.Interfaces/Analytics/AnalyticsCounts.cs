namespace Receptionist.Grains.Analytics;

/// <summary>
/// The countable part of analytics, as a vector: one call or message contributes a handful of ones (and its talk
/// time), a rollup is the sum of its contributions, and a correction is a difference of two vectors. Cost is kept
/// apart because amounts in different currencies do not add up.
/// </summary>
[GenerateSerializer, Immutable, Alias("analytics-counts")]
public sealed record AnalyticsCounts
{
    public static AnalyticsCounts Zero { get; } = new();

    [Id(0)] public long CallsTotal { get; init; }

    [Id(1)] public long CallsAnswered { get; init; }

    /// <summary>No-answer, busy, or canceled before it was answered.</summary>
    [Id(2)] public long CallsMissed { get; init; }

    [Id(3)] public long CallsFailed { get; init; }

    [Id(4)] public long CallsInbound { get; init; }

    [Id(5)] public long CallsOutbound { get; init; }

    [Id(6)] public long TalkSeconds { get; init; }

    [Id(7)] public long SmsSent { get; init; }

    [Id(8)] public long SmsReceived { get; init; }

    [Id(9)] public long SmsDelivered { get; init; }

    [Id(10)] public long SmsFailed { get; init; }

    public static AnalyticsCounts operator +(AnalyticsCounts a, AnalyticsCounts b) => new()
    {
        CallsTotal = a.CallsTotal + b.CallsTotal,
        CallsAnswered = a.CallsAnswered + b.CallsAnswered,
        CallsMissed = a.CallsMissed + b.CallsMissed,
        CallsFailed = a.CallsFailed + b.CallsFailed,
        CallsInbound = a.CallsInbound + b.CallsInbound,
        CallsOutbound = a.CallsOutbound + b.CallsOutbound,
        TalkSeconds = a.TalkSeconds + b.TalkSeconds,
        SmsSent = a.SmsSent + b.SmsSent,
        SmsReceived = a.SmsReceived + b.SmsReceived,
        SmsDelivered = a.SmsDelivered + b.SmsDelivered,
        SmsFailed = a.SmsFailed + b.SmsFailed,
    };

    public static AnalyticsCounts operator -(AnalyticsCounts a) => new()
    {
        CallsTotal = -a.CallsTotal,
        CallsAnswered = -a.CallsAnswered,
        CallsMissed = -a.CallsMissed,
        CallsFailed = -a.CallsFailed,
        CallsInbound = -a.CallsInbound,
        CallsOutbound = -a.CallsOutbound,
        TalkSeconds = -a.TalkSeconds,
        SmsSent = -a.SmsSent,
        SmsReceived = -a.SmsReceived,
        SmsDelivered = -a.SmsDelivered,
        SmsFailed = -a.SmsFailed,
    };

    public static AnalyticsCounts operator -(AnalyticsCounts a, AnalyticsCounts b) => a + -b;

    public static AnalyticsCounts Add(AnalyticsCounts a, AnalyticsCounts b) => a + b;

    public static AnalyticsCounts Negate(AnalyticsCounts a) => -a;

    public static AnalyticsCounts Subtract(AnalyticsCounts a, AnalyticsCounts b) => a - b;

    public bool IsZero => this == Zero;
}
