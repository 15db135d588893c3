using System.Security.Cryptography;
using System.Text;

namespace Receptionist.Api.Webhooks;

/// <summary>
/// SignalWire's signature over a JSON body (SWML document fetches): lowercase hex HMAC-SHA1, keyed by the signing key,
/// over the URL followed by the raw body exactly as received (no separator); the same string signed with HMAC-SHA256
/// may come in <c>X-Signalwire-SHA256-Signature</c>. The URL is also tried as <see cref="SignedUrls"/> says.
/// </summary>
public static class JsonSignature
{
    public static bool IsValid(string signingKey, string url, string rawBody, string? sha1Hex, string? sha256Hex)
    {
        var key = Encoding.UTF8.GetBytes(signingKey);
        foreach (var candidate in SignedUrls.Variants(url))
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
}
