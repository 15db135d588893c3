using System.ComponentModel.DataAnnotations;

namespace Receptionist.Api.Auth;

/// <summary>How bearer tokens are validated: an HS256 shared secret (Supabase style) or an OIDC authority.</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    /// <summary>HS256 key; at least 32 characters (256 bits), as the algorithm requires.</summary>
    public string? JwtSecret { get; set; }

    public string? Authority { get; set; }

    public string? Issuer { get; set; }

    public string? Audience { get; set; }

    /// <summary>
    /// The console's OAuth client at <see cref="Authority"/> (a public client: authorization code with PKCE, no
    /// secret, redirect URI <c>https://{this service}/console/</c>). Unset: the console signs in by pasted token only.
    /// </summary>
    public string? ConsoleClientId { get; set; }

    /// <summary>The scopes the console asks for; the access token it gets must carry the tenant claim.</summary>
    public string ConsoleScope { get; set; } = "openid";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(JwtSecret) && JwtSecret.Length < 32)
        {
            yield return new ValidationResult("Auth:JwtSecret must be at least 32 characters (HS256 needs a 256-bit key).");
        }

        if (!string.IsNullOrEmpty(Authority) && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"Auth:Authority '{Authority}' is not an absolute URL.");
        }

        if (!string.IsNullOrEmpty(ConsoleClientId) && string.IsNullOrEmpty(Authority))
        {
            yield return new ValidationResult("Auth:ConsoleClientId needs Auth:Authority: the console signs in at that authority.");
        }
    }
}
