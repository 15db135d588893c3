namespace Receptionist.Grains.Analytics;

/// <summary>The counters of <see cref="AnalyticsCounts"/> as table columns, in one fixed order (SQL and arrays alike).</summary>
public static class CountColumns
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "calls_total", "calls_answered", "calls_missed", "calls_failed", "calls_inbound", "calls_outbound",
        "talk_seconds", "sms_sent", "sms_received", "sms_delivered", "sms_failed",
        "ring_seconds", "ring_calls", "texted_back",
        "outcome_transferred", "outcome_voicemail", "outcome_sms_sent", "outcome_information", "outcome_agent",
        "outcome_rejected", "outcome_abandoned",
        "ai_resolved", "ai_transferred", "ai_message_taken", "ai_follow_up", "ai_other",
    ];

    public static long[] ToArray(AnalyticsCounts c) =>
    [
        c.CallsTotal, c.CallsAnswered, c.CallsMissed, c.CallsFailed, c.CallsInbound, c.CallsOutbound,
        c.TalkSeconds, c.SmsSent, c.SmsReceived, c.SmsDelivered, c.SmsFailed,
        c.RingSeconds, c.RingCalls, c.TextedBack,
        c.OutcomeTransferred, c.OutcomeVoicemail, c.OutcomeSmsSent, c.OutcomeInformation, c.OutcomeAgent,
        c.OutcomeRejected, c.OutcomeAbandoned,
        c.AiResolved, c.AiTransferred, c.AiMessageTaken, c.AiFollowUp, c.AiOther,
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
        RingSeconds = v[11],
        RingCalls = v[12],
        TextedBack = v[13],
        OutcomeTransferred = v[14],
        OutcomeVoicemail = v[15],
        OutcomeSmsSent = v[16],
        OutcomeInformation = v[17],
        OutcomeAgent = v[18],
        OutcomeRejected = v[19],
        OutcomeAbandoned = v[20],
        AiResolved = v[21],
        AiTransferred = v[22],
        AiMessageTaken = v[23],
        AiFollowUp = v[24],
        AiOther = v[25],
    };
}
