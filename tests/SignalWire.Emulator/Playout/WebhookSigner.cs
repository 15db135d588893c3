using System.Security.Cryptography;
using System.Text;

namespace SignalWire.Emulator.Playout;

/// <summary>
/// SignalWire's signature for form webhooks (Twilio's algorithm): Base64 HMAC-SHA1, keyed by the signing key, over the
/// full URL followed by every parameter as key+value, sorted by key in ordinal order (repeated keys keep their order).
/// </summary>
public static class WebhookSigner
{
    public static string Sign(string signingKey, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var text = new StringBuilder(url);
        foreach (var (key, value) in form.Select((pair, index) => (pair, index))
                     .OrderBy(p => p.pair.Key, StringComparer.Ordinal)
                     .ThenBy(p => p.index)
                     .Select(p => p.pair))
        {
            text.Append(key).Append(value);
        }

        // SHA-1 is what SignalWire and Twilio sign with; the emulator must match them, not choose.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.UTF8.GetBytes(text.ToString()));
#pragma warning restore CA5350
        return Convert.ToBase64String(hash);
    }

    /// <summary>SignalWire's signature for JSON bodies (SWML, AI callbacks): lowercase hex HMAC-SHA1 over the URL followed by the raw body.</summary>
    public static string SignJson(string signingKey, string url, string body)
    {
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.UTF8.GetBytes(url + body));
#pragma warning restore CA5350
        return Convert.ToHexStringLower(hash);
    }
}
