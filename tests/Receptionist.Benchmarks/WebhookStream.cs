using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Receptionist.Benchmarks;

/// <summary>
/// The baseline's pre-signed webhook stream (what <c>gen-webhooks.js</c> writes), generated here so that measuring the
/// silo never needs node: inbound calls to one number, each entry, ringing, in-progress, completed and a duplicate
/// completed, one line per request (path, signature, form body), signed for one base URL. <paramref name="firstCall"/>
/// gives each phase calls of its own, so no phase replays another's (already stored) webhooks.
/// </summary>
public static class WebhookStream
{
    public const string Number = "+15550100001";
    public const string EntryPath = "/api/mcp/ivr/entry";
    public const string StatusPath = "/api/signalwire/webhook/call-status";

    public enum Part { WholeCalls, EntryOnly, StatusOnly, Unfinished }

    public static async Task<string> WriteAsync(string directory, Uri baseUrl, string signingKey, int firstCall, int calls, Part part = Part.WholeCalls)
    {
        var file = Path.Combine(directory, $"stream-{firstCall}-{calls}-{part}.tsv");
        var baseText = baseUrl.ToString().TrimEnd('/');
        await using var writer = new StreamWriter(file);
        for (var i = firstCall; i < firstCall + calls; i++)
        {
            foreach (var (path, form) in Call(baseText, i, part))
            {
                await writer.WriteLineAsync($"{path}\t{Sign(signingKey, baseText + path, form)}\t{Body(form)}");
            }
        }

        return file;
    }

    /// <summary>The SID of the <paramref name="i"/>-th call: a UUID made of md5(base + i), as the JS generator does.</summary>
    public static string CallSid(string baseText, int i)
    {
#pragma warning disable CA5351 // not security: the JS generator's way of deriving a UUID from a counter
        var h = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(baseText + i.ToString(CultureInfo.InvariantCulture))));
#pragma warning restore CA5351
        return $"{h[..8]}-{h[8..12]}-4{h[13..16]}-8{h[17..20]}-{h[20..32]}";
    }

    private static IEnumerable<(string Path, SortedDictionary<string, string> Form)> Call(string baseText, int i, Part part)
    {
        SortedDictionary<string, string> Form(string status, string? sequence = null, bool duration = false)
        {
            var form = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["CallSid"] = CallSid(baseText, i),
                ["AccountSid"] = "0b8a5d4e-6c1f-4a7e-9d2b-3f5e7a9c1b2d",
                ["From"] = "+1555" + (2000000 + (i % 1000000)).ToString(CultureInfo.InvariantCulture)[^7..],
                ["To"] = Number,
                ["Direction"] = "inbound",
                ["ApiVersion"] = "2010-04-01",
                ["CallStatus"] = status,
            };
            if (sequence is not null)
            {
                form["SequenceNumber"] = sequence;
            }

            if (duration)
            {
                form["CallDuration"] = (5 + (i % 60)).ToString(CultureInfo.InvariantCulture);
            }

            return form;
        }

        if (part != Part.StatusOnly)
        {
            yield return (EntryPath, Form("ringing"));
        }

        if (part == Part.EntryOnly)
        {
            yield break;
        }

        yield return (StatusPath, Form("ringing", "0"));
        yield return (StatusPath, Form("in-progress", "1"));
        if (part == Part.Unfinished)
        {
            yield break;
        }

        yield return (StatusPath, Form("completed", "2", duration: true));
        yield return (StatusPath, Form("completed", "2", duration: true));
    }

    private static string Sign(string key, string url, SortedDictionary<string, string> form)
    {
        var data = new StringBuilder(url);
        foreach (var (k, v) in form)
        {
            data.Append(k).Append(v);
        }

#pragma warning disable CA5350 // SignalWire's (Twilio-compatible) signature scheme is HMAC-SHA1
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    private static string Body(SortedDictionary<string, string> form) =>
        string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
}
