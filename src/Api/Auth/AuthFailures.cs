using Microsoft.IdentityModel.Tokens;

namespace Receptionist.Api.Auth;

/// <summary>Turns a token validation failure into a sentence a client developer can act on.</summary>
internal static class AuthFailures
{
    public static string Describe(Exception? failure, bool hadAuthorizationHeader) => failure switch
    {
        null when !hadAuthorizationHeader => "A bearer token is required.",
        null => "The bearer token could not be read.",
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenInvalidAudienceException => "The token was issued for another audience.",
        SecurityTokenInvalidIssuerException => "The token was issued by an untrusted issuer.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted (HS256 is required).",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        SecurityTokenMalformedException => "The bearer token is malformed.",
        _ when failure.Message.Contains("tenant_id", StringComparison.Ordinal) => "The token has no tenant_id claim.",
        _ => "The bearer token is invalid.",
    };
}
