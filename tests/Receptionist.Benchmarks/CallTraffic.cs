using SignalWire.Emulator.Playout;
using System.Collections.Concurrent;
using System.Globalization;

namespace Receptionist.Benchmarks;

/// <summary>
/// What SignalWire sends for inbound calls to the tenants' numbers: the voice request, then signed status callbacks
/// (ringing, in-progress, completed), with a share of duplicates and swapped neighbours as real delivery has.
/// </summary>
public sealed class CallTraffic(string signingKey, IReadOnlyList<TenantLine> lines, double duplicateShare = 0.1, double reorderShare = 0.1)
{
    public const string EntryPath = "/api/mcp/ivr/entry";
    public const string StatusPath = "/api/signalwire/webhook/call-status";
    private const string AccountSid = "5f0e6a8d-1b2c-4d3e-9f40-5a6b7c8d9e0f";

    private readonly ConcurrentQueue<(string CallSid, string Token)> answeredCalls = new();
    private int callCounter;

    /// <summary>Calls that were answered and not yet hung up: the ones a dashboard reads live.</summary>
    public IReadOnlyList<(string CallSid, string Token)> ActiveCalls => answeredCalls.ToArray();

    /// <summary>Records a call whose webhooks all arrived and that is still answered, for the live reads.</summary>
    public void MarkActive(GeneratedCall call) => answeredCalls.Enqueue((call.CallSid, call.Token));

    /// <summary>The webhooks of one whole call, in delivery order.</summary>
    public GeneratedCall WholeCall(Uri target, Random random, bool hangUp = true)
    {
        var number = Interlocked.Increment(ref callCounter);
        var callSid = Guid.NewGuid().ToString();
        var line = lines[number % lines.Count];
        var start = DateTimeOffset.UtcNow;
        var common = new Dictionary<string, string>
        {
            ["CallSid"] = callSid,
            ["AccountSid"] = AccountSid,
            ["ApiVersion"] = "2010-04-01",
            ["From"] = $"+1212{number % 10_000_000:0000000}",
            ["To"] = line.Number,
            ["Direction"] = "inbound",
        };
        var forms = new List<(string Path, Dictionary<string, string> Form)>
        {
            (EntryPath, new Dictionary<string, string>(common) { ["CallStatus"] = "ringing" }),
            (StatusPath, Status(common, "ringing", start, 0)),
            (StatusPath, Status(common, "in-progress", start.AddSeconds(4), 1)),
        };
        if (hangUp)
        {
            var completed = Status(common, "completed", start.AddSeconds(64), 2);
            completed["CallDuration"] = "60";
            forms.Add((StatusPath, completed));
        }

        if (random.NextDouble() < reorderShare && forms.Count >= 4)
        {
            (forms[2], forms[3]) = (forms[3], forms[2]);
        }

        if (random.NextDouble() < duplicateShare)
        {
            forms.Add(forms[random.Next(1, forms.Count)]);
        }

        return new GeneratedCall(callSid, line.Token, [.. forms.Select(f => (f.Path == EntryPath ? "POST ivr/entry" : "POST webhook/call-status", f.Path,
            new FormUrlEncodedContent(f.Form), WebhookSigner.Sign(signingKey, new Uri(target, f.Path).ToString(), f.Form)))]);
    }

    private static Dictionary<string, string> Status(Dictionary<string, string> common, string status, DateTimeOffset at, int sequence) =>
        new(common)
        {
            ["CallStatus"] = status,
            ["Timestamp"] = at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture),
            ["SequenceNumber"] = sequence.ToString(CultureInfo.InvariantCulture),
            ["CallbackSource"] = "call-progress-events",
        };
}

/// <summary>A number a tenant owns, and a token of that tenant (for reading the calls it receives).</summary>
public sealed record TenantLine(string Number, string Token);

/// <summary>One call's webhooks, signed for the target they are sent to.</summary>
public sealed record GeneratedCall(string CallSid, string Token, IReadOnlyList<(string Route, string Path, FormUrlEncodedContent Body, string Signature)> Webhooks);
