using System.Security.Cryptography;
using System.Text;

namespace Receptionist.Api.Webhooks;

/// <summary>
/// SignalWire's signature over a JSON body (SWML document fetches): lowercase hex HMAC-SHA1, keyed by the signing key,
/// over the URL followed by the raw body exactly as received (no separator); the same string signed with HMAC-SHA256
/// may come in <c>X-Signalwire-SHA256-Signature</c>. The URL is also tried with the standard port added or removed, as
/// SignalWire's own validators do.
/// </summary>
public static class JsonSignature
{
    public static bool IsValid(string signingKey, string url, string rawBody, string? sha1Hex, string? sha256Hex)
    {
        var key = Encoding.UTF8.GetBytes(signingKey);
        foreach (var candidate in UrlVariants(url))
        {
            var text = Encoding.UTF8.GetBytes(candidate + rawBody);
            // SHA-1 is what SignalWire signs with; the check must match it, not choose.
#pragma warning disable CA5350
            if (Matches(HMACSHA1.HashData(key, text), sha1Hex) || Matches(HMACSHA256.HashData(key, text), sha256Hex))
#pragma warning restore CA5350
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(byte[] hash, string? hex)
    {
        if (string.IsNullOrEmpty(hex) || hex.Length != hash.Length * 2)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Convert.ToHexStringLower(hash)), Encoding.ASCII.GetBytes(hex.ToLowerInvariant()));
    }

    private static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        var scheme = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8 : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : 0;
        if (scheme == 0)
        {
            yield break;
        }

        var end = url.IndexOfAny(['/', '?', '#'], scheme) is >= 0 and var found ? found : url.Length;
        var authority = url[scheme..end];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        var standardPort = scheme == 8 ? ":443" : ":80";
        if (host.EndsWith(standardPort, StringComparison.Ordinal))
        {
            yield return url[..(end - standardPort.Length)] + url[end..];
        }
        else if (!host.Contains(':', StringComparison.Ordinal))
        {
            yield return url[..end] + standardPort + url[end..];
        }
    }
}
