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
    }
}
