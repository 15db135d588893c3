using System.Security.Cryptography;
using System.Text;

namespace Receptionist.Tests.Calls;

/// <summary>Signs a form webhook the way SignalWire does: Base64(HMAC-SHA1(key, url + sorted key/value pairs)).</summary>
public static class SignalWireSigner
{
    public static string Sign(string signingKey, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var text = new StringBuilder(url);
        foreach (var (key, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append(key).Append(value);
        }

#pragma warning disable CA5350 // SignalWire's scheme is HMAC-SHA1; the test must sign exactly like it.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(signingKey), Encoding.UTF8.GetBytes(text.ToString())));
#pragma warning restore CA5350
    }
}
