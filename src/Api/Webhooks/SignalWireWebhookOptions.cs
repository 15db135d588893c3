using System.ComponentModel.DataAnnotations;

namespace Receptionist.Api.Webhooks;

/// <summary>
/// How SignalWire's webhooks are authenticated (section <c>SignalWire</c>; the REST client reads its own keys from the
/// same section).
/// </summary>
public sealed class SignalWireWebhookOptions : IValidatableObject
{
    public const string SectionName = "SignalWire";

    /// <summary>The project's Signing Key (<c>PSK_…</c>), not the API token.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Off only for local development: then anyone can forge call events (a warning says so at every start).</summary>
    public bool ValidateSignatures { get; set; } = true;

    /// <summary>
    /// The scheme, host and optional path prefix SignalWire calls (e.g. <c>https://api.example.com</c>). Signatures are
    /// computed over the URL SignalWire requested, which a proxy hides from us; unset: the request's own URL.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Larger bodies are refused before they are read; SignalWire's own webhook bodies are a few kB.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// The AI agent's post-prompt report carries the whole conversation (several copies of it), so it may be larger than
    /// other webhooks; still refused beyond this before it is read (and never beyond <c>RequestLimits:MaxBodyBytes</c>).
    /// </summary>
    [Range(64 * 1024, 8 * 1024 * 1024)]
    public int MaxReportBodyBytes { get; set; } = 256 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ValidateSignatures && string.IsNullOrWhiteSpace(SigningKey))
        {
            yield return new ValidationResult(
                "SignalWire:SigningKey is required to validate webhook signatures (set SignalWire:ValidateSignatures=false only for local development).");
        }

        if (!string.IsNullOrEmpty(PublicBaseUrl)
            && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0))
        {
            yield return new ValidationResult($"SignalWire:PublicBaseUrl '{PublicBaseUrl}' must be an absolute http(s) URL without a query.");
        }
    }
}
