using System.Globalization;
using Receptionist.Grains.Analytics;

namespace Receptionist.Api.Analytics;

/// <summary>
/// The answer of <c>GET /api/signalwire/analytics</c>. <c>callsByHour</c>: 24 counts, the calls of the period that
/// started in each hour of the day (0 to 23) in the tenant's time zone, counted as <c>calls.total</c> counts them.
/// <c>outcomes</c>: how the calls' way through the menu (or the AI agent) ended; <c>aiOutcomes</c>: what the AI agent's
/// post-call reports say happened. Both count a call on the day it started.
/// </summary>
public sealed record AnalyticsResponse(
    string From, string To, CallFiguresResponse Calls, CostResponse Cost, IReadOnlyList<CostResponse> Costs, SmsFiguresResponse Sms,
    IReadOnlyDictionary<string, long> IvrChoices, IReadOnlyList<AnalyticsGroupResponse> Groups, IReadOnlyList<long> CallsByHour,
    OutcomeFiguresResponse Outcomes, AgentOutcomeFiguresResponse AiOutcomes)
{
    public static AnalyticsResponse Of(AnalyticsReport report, LogFigures figures, AnalyticsGrouping grouping)
    {
        var totals = report.Totals;
        var optOuts = grouping switch
        {
            AnalyticsGrouping.Day => figures.OptOuts.GroupBy(o => Day(o.Day)).ToDictionary(g => g.Key, g => g.Sum(o => o.Count), StringComparer.Ordinal),
            AnalyticsGrouping.Number => figures.OptOuts.GroupBy(o => o.PhoneNumber).ToDictionary(g => g.Key, g => g.Sum(o => o.Count), StringComparer.Ordinal),
            _ => [],
        };
        return new(Day(report.From), Day(report.To), CallFiguresResponse.Of(totals.Counts), CostResponse.Main(totals), CostResponse.All(totals),
            SmsFiguresResponse.Of(totals.Counts, figures.TotalOptOuts), totals.IvrChoices,
            [.. report.Groups.Select(g => AnalyticsGroupResponse.Of(g, optOuts.GetValueOrDefault(g.Key)))], figures.CallsByHour,
            OutcomeFiguresResponse.Of(totals.Counts), AgentOutcomeFiguresResponse.Of(totals.Counts));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record AnalyticsGroupResponse(
    string Key, CallFiguresResponse Calls, CostResponse Cost, IReadOnlyList<CostResponse> Costs, SmsFiguresResponse Sms,
    IReadOnlyDictionary<string, long> IvrChoices, OutcomeFiguresResponse Outcomes, AgentOutcomeFiguresResponse AiOutcomes)
{
    public static AnalyticsGroupResponse Of(AnalyticsGroup group, long optOuts) => new(
        group.Key, CallFiguresResponse.Of(group.Figures.Counts), CostResponse.Main(group.Figures), CostResponse.All(group.Figures),
        SmsFiguresResponse.Of(group.Figures.Counts, optOuts), group.Figures.IvrChoices,
        OutcomeFiguresResponse.Of(group.Figures.Counts), AgentOutcomeFiguresResponse.Of(group.Figures.Counts));
}

/// <summary>
/// <c>missed</c> leaves out callers the tenant's screening refused (<c>outcomes.rejected</c>). <c>ringSeconds</c> is
/// how long callers waited before an answer (or, unanswered, until they gave up), apart from <c>talkSeconds</c>;
/// <c>averageRingSeconds</c> is over the calls whose ring time is known. <c>textedBack</c>: missed-call text-backs sent.
/// </summary>
public sealed record CallFiguresResponse(
    long Total, long Answered, long Missed, long Failed, long Inbound, long Outbound, long TalkSeconds, double AverageTalkSeconds,
    long RingSeconds, double AverageRingSeconds, long TextedBack)
{
    /// <summary>The talk average is over answered calls: unanswered ones have no talk time to average.</summary>
    public static CallFiguresResponse Of(AnalyticsCounts c) => new(
        c.CallsTotal, c.CallsAnswered, c.CallsMissed, c.CallsFailed, c.CallsInbound, c.CallsOutbound, c.TalkSeconds,
        c.CallsAnswered == 0 ? 0 : Math.Round((double)c.TalkSeconds / c.CallsAnswered, 2),
        c.RingSeconds, c.RingCalls == 0 ? 0 : Math.Round((double)c.RingSeconds / c.RingCalls, 2), c.TextedBack);
}

/// <summary>How calls that met the menu or the AI agent ended, one outcome each (the strongest: a transfer over a voicemail...).</summary>
public sealed record OutcomeFiguresResponse(
    long Transferred, long Voicemail, long SmsSent, long Information, long Agent, long Rejected, long Abandoned)
{
    public static OutcomeFiguresResponse Of(AnalyticsCounts c) => new(
        c.OutcomeTransferred, c.OutcomeVoicemail, c.OutcomeSmsSent, c.OutcomeInformation, c.OutcomeAgent, c.OutcomeRejected, c.OutcomeAbandoned);
}

/// <summary>What the AI agent's post-call reports say happened, one outcome per reported call.</summary>
public sealed record AgentOutcomeFiguresResponse(long Resolved, long Transferred, long MessageTaken, long FollowUp, long Other)
{
    public static AgentOutcomeFiguresResponse Of(AnalyticsCounts c) => new(c.AiResolved, c.AiTransferred, c.AiMessageTaken, c.AiFollowUp, c.AiOther);
}

/// <summary>
/// What the calls and messages cost. <c>cost</c> is the one currency the tenant is billed in (null currency when
/// nothing was priced yet); <c>costs</c> lists every currency, should prices ever arrive in more than one.
/// </summary>
public sealed record CostResponse(decimal Amount, string? Currency)
{
    public static CostResponse Main(AnalyticsFigures figures) =>
        All(figures).OrderByDescending(c => c.Amount).FirstOrDefault() ?? new CostResponse(0m, null);

    public static IReadOnlyList<CostResponse> All(AnalyticsFigures figures) =>
        [.. figures.CostByCurrency.Select(c => new CostResponse(c.Value, c.Key))];
}

/// <summary><c>optOuts</c>: texts received that opted their sender out (STOP and its synonyms).</summary>
public sealed record SmsFiguresResponse(long Sent, long Received, long Delivered, long Failed, double DeliveryRate, long OptOuts)
{
    /// <summary>Delivery rate: the share of sent messages the carrier confirmed delivered.</summary>
    public static SmsFiguresResponse Of(AnalyticsCounts c, long optOuts) => new(
        c.SmsSent, c.SmsReceived, c.SmsDelivered, c.SmsFailed, c.SmsSent == 0 ? 0 : Math.Round((double)c.SmsDelivered / c.SmsSent, 4), optOuts);
}
