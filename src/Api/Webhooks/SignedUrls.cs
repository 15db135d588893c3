namespace Receptionist.Api.Webhooks;

/// <summary>
/// The URLs a SignalWire signature may have been computed over: the one requested, then the same with the standard
/// port added or removed (SignalWire's and Twilio's own validators accept either, as their signers are inconsistent).
/// </summary>
internal static class SignedUrls
{
    public static IEnumerable<string> Variants(string url)
    {
        yield return url;
        if (Other(url) is { } other)
        {
            yield return other;
        }
    }

    /// <summary>The URL with the standard port added or removed, or null when it names another port (or no scheme).</summary>
    public static string? Other(string url)
    {
        var scheme = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8 : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 7 : 0;
        if (scheme == 0)
        {
            return null;
        }

        var end = url.IndexOfAny(['/', '?', '#'], scheme) is >= 0 and var found ? found : url.Length;
        var authority = url[scheme..end];
        var host = authority[(authority.LastIndexOf('@') + 1)..];
        var standardPort = scheme == 8 ? ":443" : ":80";
        if (host.EndsWith(standardPort, StringComparison.Ordinal))
        {
            return url[..(end - standardPort.Length)] + url[end..];
        }

        return host.Contains(':', StringComparison.Ordinal) ? null : url[..end] + standardPort + url[end..];
    }
}
