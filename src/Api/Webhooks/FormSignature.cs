using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Receptionist.Api.Webhooks;

/// <summary>
/// SignalWire's (Twilio-compatible) signature over a form webhook: base64 HMAC-SHA1, keyed by the signing key, over the
/// URL followed by each field's name and value, fields in ordinal order of their names. Computed straight from the
/// form as read (every field appears once: <see cref="WebhookForm"/> refuses repeats), in one pooled buffer, where
/// Twilio's validator wants the fields copied into a collection and then a dictionary; the URL's other form
/// (<see cref="SignedUrls"/>) is tried only when the requested one does not match.
/// </summary>
public static class FormSignature
{
    private const int HashBytes = 20;

    public static bool IsValid(byte[] signingKey, string url, IFormCollection form, string signature)
    {
        var names = new string[form.Count];
        form.Keys.CopyTo(names, 0);
        Array.Sort(names, StringComparer.Ordinal);
        if (Matches(signingKey, url, form, names, signature))
        {
            return true;
        }

        return SignedUrls.Other(url) is { } other && Matches(signingKey, other, form, names, signature);
    }

    private static bool Matches(byte[] signingKey, string url, IFormCollection form, string[] names, string signature)
    {
        var utf8 = Encoding.UTF8;
        var length = utf8.GetByteCount(url);
        foreach (var name in names)
        {
            length += utf8.GetByteCount(name) + utf8.GetByteCount(form[name].ToString());
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = utf8.GetBytes(url, buffer);
            foreach (var name in names)
            {
                written += utf8.GetBytes(name, buffer.AsSpan(written));
                written += utf8.GetBytes(form[name].ToString(), buffer.AsSpan(written));
            }

            Span<byte> hash = stackalloc byte[HashBytes];
            // SHA-1 is what SignalWire signs with; the check must match it, not choose.
#pragma warning disable CA5350
            HMACSHA1.HashData(signingKey, buffer.AsSpan(0, written), hash);
#pragma warning restore CA5350
            Span<char> expected = stackalloc char[28];
            return Convert.TryToBase64Chars(hash, expected, out var chars)
                && CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected[..chars]), MemoryMarshal.AsBytes(signature.AsSpan()));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
