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

    /// <summary>Seconds callers waited before the call was answered (or, unanswered, until it ended), over the calls in <see cref="RingCalls"/>.</summary>
    [Id(11)] public long RingSeconds { get; init; }

    /// <summary>Calls whose ring time is known (it needs the moment of answer, or the end of an unanswered call).</summary>
    [Id(12)] public long RingCalls { get; init; }

    /// <summary>Missed-call text-backs sent (one per missed call at most).</summary>
    [Id(13)] public long TextedBack { get; init; }

    /// <summary>Calls whose menu or AI agent put the caller through to someone (a forward answered, an agent transfer).</summary>
    [Id(14)] public long OutcomeTransferred { get; init; }

    /// <summary>Calls that left a voicemail or a message with the AI agent.</summary>
    [Id(15)] public long OutcomeVoicemail { get; init; }

    /// <summary>Calls where the menu texted the caller what they asked for.</summary>
    [Id(16)] public long OutcomeSmsSent { get; init; }

    /// <summary>Calls that heard information and ended there.</summary>
    [Id(17)] public long OutcomeInformation { get; init; }

    /// <summary>Calls the AI agent handled without a transfer or a message.</summary>
    [Id(18)] public long OutcomeAgent { get; init; }

    /// <summary>Callers the tenant's screening refused (blocked or withheld numbers): not counted as missed.</summary>
    [Id(19)] public long OutcomeRejected { get; init; }

    /// <summary>Callers who hung up in the menu (or it ran out of retries) before any of the above.</summary>
    [Id(20)] public long OutcomeAbandoned { get; init; }

    /// <summary>AI post-call reports whose outcome is that the agent answered the caller.</summary>
    [Id(21)] public long AiResolved { get; init; }

    /// <summary>AI post-call reports whose outcome is a transfer.</summary>
    [Id(22)] public long AiTransferred { get; init; }

    /// <summary>AI post-call reports whose outcome is a message taken.</summary>
    [Id(23)] public long AiMessageTaken { get; init; }

    /// <summary>AI post-call reports whose outcome is that the business must follow up.</summary>
    [Id(24)] public long AiFollowUp { get; init; }

    /// <summary>AI post-call reports with no recognisable outcome.</summary>
    [Id(25)] public long AiOther { get; init; }

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
        RingSeconds = a.RingSeconds + b.RingSeconds,
        RingCalls = a.RingCalls + b.RingCalls,
        TextedBack = a.TextedBack + b.TextedBack,
        OutcomeTransferred = a.OutcomeTransferred + b.OutcomeTransferred,
        OutcomeVoicemail = a.OutcomeVoicemail + b.OutcomeVoicemail,
        OutcomeSmsSent = a.OutcomeSmsSent + b.OutcomeSmsSent,
        OutcomeInformation = a.OutcomeInformation + b.OutcomeInformation,
        OutcomeAgent = a.OutcomeAgent + b.OutcomeAgent,
        OutcomeRejected = a.OutcomeRejected + b.OutcomeRejected,
        OutcomeAbandoned = a.OutcomeAbandoned + b.OutcomeAbandoned,
        AiResolved = a.AiResolved + b.AiResolved,
        AiTransferred = a.AiTransferred + b.AiTransferred,
        AiMessageTaken = a.AiMessageTaken + b.AiMessageTaken,
        AiFollowUp = a.AiFollowUp + b.AiFollowUp,
        AiOther = a.AiOther + b.AiOther,
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
        RingSeconds = -a.RingSeconds,
        RingCalls = -a.RingCalls,
        TextedBack = -a.TextedBack,
        OutcomeTransferred = -a.OutcomeTransferred,
        OutcomeVoicemail = -a.OutcomeVoicemail,
        OutcomeSmsSent = -a.OutcomeSmsSent,
        OutcomeInformation = -a.OutcomeInformation,
        OutcomeAgent = -a.OutcomeAgent,
        OutcomeRejected = -a.OutcomeRejected,
        OutcomeAbandoned = -a.OutcomeAbandoned,
        AiResolved = -a.AiResolved,
        AiTransferred = -a.AiTransferred,
        AiMessageTaken = -a.AiMessageTaken,
        AiFollowUp = -a.AiFollowUp,
        AiOther = -a.AiOther,
    };

    public static AnalyticsCounts operator -(AnalyticsCounts a, AnalyticsCounts b) => a + -b;

    public static AnalyticsCounts Add(AnalyticsCounts a, AnalyticsCounts b) => a + b;

    public static AnalyticsCounts Negate(AnalyticsCounts a) => -a;

    public static AnalyticsCounts Subtract(AnalyticsCounts a, AnalyticsCounts b) => a - b;

    public bool IsZero => this == Zero;
}
