using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Receptionist.Api.Auth;

/// <summary>Why a request was not authenticated: a stable code and a sentence a client developer can act on.</summary>
public sealed record AuthFailure(string Reason, string Detail)
{
    /// <summary>
    /// Classifies the failure. The token's header is read here (not trusted, only described) because an unsigned
    /// <c>alg: none</c> token fails signature validation like a forged one, and the client deserves to know which.
    /// </summary>
    public static AuthFailure Describe(Exception? failure, string? authorizationHeader, IEnumerable<string>? validAlgorithms)
    {
        if (string.IsNullOrEmpty(authorizationHeader))
        {
            return new("missing_token", "A bearer token is required (Authorization: Bearer <jwt>).");
        }

        if (!authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return new("malformed_token", "The Authorization header must use the Bearer scheme.");
        }

        var algorithm = Algorithm(authorizationHeader["Bearer ".Length..].Trim());
        if (string.Equals(algorithm, "none", StringComparison.OrdinalIgnoreCase))
        {
            return new("unsigned_token", "The token is unsigned (alg: none); only signed tokens are accepted.");
        }

        if (failure is not null && algorithm is not null && validAlgorithms?.ToArray() is { Length: > 0 } accepted && !accepted.Contains(algorithm, StringComparer.Ordinal))
        {
            return new("invalid_algorithm", $"The token is signed with {Printable(algorithm)}; accepted: {string.Join(", ", accepted)}.");
        }

        return failure switch
        {
            MissingTenantClaimException => new("missing_tenant", "The token has no tenant_id claim."),
            SecurityTokenExpiredException => new("token_expired", "The token has expired."),
            SecurityTokenNotYetValidException => new("token_not_yet_valid", "The token is not valid yet."),
            SecurityTokenInvalidAudienceException => new("invalid_audience", "The token was issued for another audience."),
            SecurityTokenInvalidIssuerException => new("invalid_issuer", "The token was issued by an untrusted issuer."),
            SecurityTokenInvalidAlgorithmException => new("invalid_algorithm", "The token's signing algorithm is not accepted."),
            SecurityTokenInvalidLifetimeException => new("invalid_lifetime", "The token's lifetime is invalid (not-before after expiry)."),
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
                new("invalid_signature", "The token's signature is invalid (signed with another key)."),
            SecurityTokenNoExpirationException => new("missing_expiry", "The token has no expiry."),
            SecurityTokenMalformedException => new("malformed_token", "The bearer token is malformed."),
            null => new("invalid_token", "The bearer token could not be validated."),
            _ => new("invalid_token", "The bearer token is invalid."),
        };
    }

    /// <summary>
    /// The <c>WWW-Authenticate</c> value (RFC 6750). Header values must be visible ASCII, so the description is made so
    /// here whatever it quotes from the token: Kestrel refuses anything else, which would turn a 401 into a 500.
    /// </summary>
    public string Challenge => Reason == "missing_token"
        ? "Bearer"
        : $"Bearer error=\"invalid_token\", error_description=\"{Printable(Detail, maxLength: 200)}\"";

    /// <summary>Text from an untrusted token, shown as visible ASCII without quotes or backslashes, and short.</summary>
    private static string Printable(string text, int maxLength = 32)
    {
        var visible = new string([.. text.Take(maxLength).Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '?')]);
        return text.Length > maxLength ? visible + "..." : visible;
    }

    private static string? Algorithm(string token)
    {
        var header = token.Split('.')[0];
        try
        {
            var padded = header.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
            return json.RootElement.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return null;
        }
    }
}
