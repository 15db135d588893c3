namespace Receptionist.Grains.Events;

/// <summary>Which endpoint URLs are accepted: https, or loopback http when <see cref="WebhookOptions.AllowLoopbackHttp"/>.</summary>
public static class WebhookUrls
{
    public const int MaxLength = 2048;

    /// <summary>Null when the URL is acceptable, else why not.</summary>
    public static string? Problem(string url, bool allowLoopbackHttp)
    {
        if (url.Length > MaxLength)
        {
            return $"At most {MaxLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "Not an absolute https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Must not carry a user name or password.";
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return "Must not carry a fragment (#...).";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !(allowLoopbackHttp && uri.IsLoopback))
        {
            return allowLoopbackHttp ? "Must be https (http only for a loopback address)." : "Must be https.";
        }

        return null;
    }
}
