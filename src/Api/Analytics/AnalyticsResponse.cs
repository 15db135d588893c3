using System.Globalization;
using Receptionist.Grains.Analytics;

namespace Receptionist.Api.Analytics;

/// <summary>The answer of <c>GET /api/signalwire/analytics</c>.</summary>
public sealed record AnalyticsResponse(
    string From, string To, CallFiguresResponse Calls, CostResponse Cost, IReadOnlyList<CostResponse> Costs, SmsFiguresResponse Sms,
    IReadOnlyDictionary<string, long> IvrChoices, IReadOnlyList<AnalyticsGroupResponse> Groups)
{
    public static AnalyticsResponse Of(AnalyticsReport report)
    {
        var totals = report.Totals;
        return new(Day(report.From), Day(report.To), CallFiguresResponse.Of(totals.Counts), CostResponse.Main(totals), CostResponse.All(totals),
            SmsFiguresResponse.Of(totals.Counts), totals.IvrChoices, [.. report.Groups.Select(AnalyticsGroupResponse.Of)]);
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed record AnalyticsGroupResponse(
    string Key, CallFiguresResponse Calls, CostResponse Cost, IReadOnlyList<CostResponse> Costs, SmsFiguresResponse Sms,
    IReadOnlyDictionary<string, long> IvrChoices)
{
    public static AnalyticsGroupResponse Of(AnalyticsGroup group) => new(
        group.Key, CallFiguresResponse.Of(group.Figures.Counts), CostResponse.Main(group.Figures), CostResponse.All(group.Figures),
        SmsFiguresResponse.Of(group.Figures.Counts), group.Figures.IvrChoices);
}

public sealed record CallFiguresResponse(
    long Total, long Answered, long Missed, long Failed, long Inbound, long Outbound, long TalkSeconds, double AverageTalkSeconds)
{
    /// <summary>The average is over answered calls: unanswered ones have no talk time to average.</summary>
    public static CallFiguresResponse Of(AnalyticsCounts c) => new(
        c.CallsTotal, c.CallsAnswered, c.CallsMissed, c.CallsFailed, c.CallsInbound, c.CallsOutbound, c.TalkSeconds,
        c.CallsAnswered == 0 ? 0 : Math.Round((double)c.TalkSeconds / c.CallsAnswered, 2));
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

public sealed record SmsFiguresResponse(long Sent, long Received, long Delivered, long Failed, double DeliveryRate)
{
    /// <summary>Delivery rate: the share of sent messages the carrier confirmed delivered.</summary>
    public static SmsFiguresResponse Of(AnalyticsCounts c) => new(
        c.SmsSent, c.SmsReceived, c.SmsDelivered, c.SmsFailed, c.SmsSent == 0 ? 0 : Math.Round((double)c.SmsDelivered / c.SmsSent, 4));
}
