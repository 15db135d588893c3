using System.ComponentModel.DataAnnotations;

namespace Receptionist.Grains.SignalWire;

/// <summary>
/// REST access to the SignalWire project (section "SignalWire"). All three credentials unset is a valid state:
/// the service runs without outbound telephony and those features answer 503 until they are configured.
/// </summary>
public sealed class SignalWireOptions : IValidatableObject
{
    public const string SectionName = "SignalWire";

    /// <summary>A space host (<c>example.signalwire.com</c>, meaning https) or a full URL (<c>http://127.0.0.1:5090</c>, an emulator).</summary>
    public string? SpaceUrl { get; set; }

    /// <summary>The project id, which is also the AccountSid and the Basic-auth user name.</summary>
    public string? ProjectId { get; set; }

    /// <summary>The API token (Basic-auth password). Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>Upper bound for one attempt of one request; an attempt that exceeds it is a timeout failure.</summary>
    [Range(0.05, 300)]
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Extra attempts for requests that are safe to repeat (GETs); creates and updates are never repeated.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>First back-off delay between retries; it grows exponentially with jitter.</summary>
    [Range(0, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 500;

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(SpaceUrl) && !string.IsNullOrWhiteSpace(ProjectId) && !string.IsNullOrWhiteSpace(Token);

    /// <summary>The space root, e.g. <c>https://example.signalwire.com/</c>; null when not configured or unparsable.</summary>
    public Uri? SpaceBaseUri => TryParseSpace(SpaceUrl, out var uri) ? uri : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var set = new[] { SpaceUrl, ProjectId, Token }.Count(v => !string.IsNullOrWhiteSpace(v));
        if (set is > 0 and < 3)
        {
            yield return new ValidationResult(
                "SignalWire:SpaceUrl, SignalWire:ProjectId and SignalWire:Token must be set together (or all left unset to run without SignalWire).",
                [nameof(SpaceUrl), nameof(ProjectId), nameof(Token)]);
        }

        if (!string.IsNullOrWhiteSpace(SpaceUrl) && !TryParseSpace(SpaceUrl, out _))
        {
            yield return new ValidationResult(
                $"SignalWire:SpaceUrl '{SpaceUrl}' is neither a host (example.signalwire.com) nor an absolute http(s) URL.",
                [nameof(SpaceUrl)]);
        }

        if (!string.IsNullOrWhiteSpace(ProjectId) && ProjectId.Any(c => c is '/' or '?' or '#' or ':' || char.IsWhiteSpace(c)))
        {
            yield return new ValidationResult("SignalWire:ProjectId must be the project's id (a UUID), not a URL or a key pair.", [nameof(ProjectId)]);
        }
    }

    private static bool TryParseSpace(string? value, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(parsed.Host)
            || !string.IsNullOrEmpty(parsed.Query))
        {
            return false;
        }

        uri = new Uri(parsed.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        return true;
    }
}
