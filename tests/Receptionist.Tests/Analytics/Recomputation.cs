using System.Globalization;
using System.Text.Json.Nodes;

namespace Receptionist.Tests.Analytics;

/// <summary>
/// Analytics computed the slow way, from the calls as the call route shows them, with the API's definitions:
/// answered = reached in-progress (a completed call did), missed = no-answer, busy or canceled before answer,
/// failed = failed; talk time of answered calls; ring time from the call's start to its answer (or, unanswered, to its
/// end), counted only where those times are known; the day is the tenant-local day the call started.
/// </summary>
public sealed class Recomputation(TimeZoneInfo zone)
{
    private readonly Dictionary<string, Figures> byDay = [];
    private readonly Dictionary<string, Figures> byNumber = [];

    public Figures Totals { get; } = new();

    public IReadOnlyDictionary<string, Figures> ByDay => byDay;

    public IReadOnlyDictionary<string, Figures> ByNumber => byNumber;

    public void Add(JsonObject call)
    {
        var status = (string)call["status"]!;
        if (status is "queued" or "initiated" or "ringing" or "in-progress")
        {
            return;
        }

        var outbound = (string)call["direction"]! == "outbound";
        var created = (DateTimeOffset)call["createdAt"]!;
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(created, zone).DateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var number = (string)call[outbound ? "from" : "to"]!;
        foreach (var figures in new[] { Totals, Get(byDay, day), Get(byNumber, number) })
        {
            figures.Add(status, outbound, call["answeredAt"] is not null, (int?)call["durationSeconds"] ?? 0, (decimal?)call["price"] ?? 0m,
                RingSeconds(call, created));
        }
    }

    /// <summary>The calls here never meet the menu, so an answered call's ring time needs its in-progress time.</summary>
    private static long? RingSeconds(JsonObject call, DateTimeOffset created)
    {
        var status = (string)call["status"]!;
        var answered = (DateTimeOffset?)call["answeredAt"];
        var until = status == "failed" ? null : answered ?? (status == "completed" ? null : (DateTimeOffset?)call["endedAt"]);
        return until is { } end ? Math.Max(0L, (long)Math.Round((end - created).TotalSeconds)) : null;
    }

    private static Figures Get(Dictionary<string, Figures> groups, string key) =>
        groups.TryGetValue(key, out var figures) ? figures : groups[key] = new Figures();

    public sealed class Figures
    {
        public long Total { get; private set; }
        public long Answered { get; private set; }
        public long Missed { get; private set; }
        public long Failed { get; private set; }
        public long Inbound { get; private set; }
        public long Outbound { get; private set; }
        public long TalkSeconds { get; private set; }
        public decimal Cost { get; private set; }
        public long RingSeconds { get; private set; }
        public long RingCalls { get; private set; }

        public void Add(string status, bool outbound, bool reachedInProgress, int duration, decimal price, long? ringSeconds)
        {
            RingSeconds += ringSeconds ?? 0;
            RingCalls += ringSeconds is null ? 0 : 1;
            Total++;
            var answered = status == "completed" || (status != "failed" && reachedInProgress);
            Answered += answered ? 1 : 0;
            Failed += status == "failed" ? 1 : 0;
            Missed += !answered && status != "failed" ? 1 : 0;
            Inbound += outbound ? 0 : 1;
            Outbound += outbound ? 1 : 0;
            TalkSeconds += answered ? duration : 0;
            Cost += price;
        }

        /// <summary>The analytics route's <c>calls</c> and <c>cost.amount</c>, as one comparable string.</summary>
        public string Describe() => $"total={Total} answered={Answered} missed={Missed} failed={Failed} in={Inbound} out={Outbound} talk={TalkSeconds} cost={Cost:0.#####} "
            + $"ring={RingSeconds} avgRing={(RingCalls == 0 ? 0 : Math.Round((double)RingSeconds / RingCalls, 2)).ToString(CultureInfo.InvariantCulture)}";

        public static string Describe(JsonNode figures)
        {
            var calls = figures["calls"]!;
            return $"total={(long)calls["total"]!} answered={(long)calls["answered"]!} missed={(long)calls["missed"]!} failed={(long)calls["failed"]!} "
                + $"in={(long)calls["inbound"]!} out={(long)calls["outbound"]!} talk={(long)calls["talkSeconds"]!} cost={(decimal)figures["cost"]!["amount"]!:0.#####} "
                + $"ring={(long)calls["ringSeconds"]!} avgRing={((double)calls["averageRingSeconds"]!).ToString(CultureInfo.InvariantCulture)}";
        }
    }
}
