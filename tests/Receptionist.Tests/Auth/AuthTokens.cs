using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Auth;

/// <summary>Tokens for the auth tests, good and deliberately bad, signed against the test silo's configuration.</summary>
public static class AuthTokens
{
    public const string Issuer = "https://issuer.receptionist.test/auth/v1";
    public const string Audience = "authenticated";

    public static string For(string tenant, params string[] permissions) =>
        DevTokenIssuer.Issue(SiloProcess.JwtSecret, tenant, permissions, issuer: Issuer, audience: Audience);

    public static string WithRole(string tenant, string role) =>
        DevTokenIssuer.Issue(SiloProcess.JwtSecret, tenant, [], role, issuer: Issuer, audience: Audience);

    /// <summary>A token with arbitrary claims, signed HS256 with <paramref name="secret"/> (the test secret by default).</summary>
    public static string Custom(IDictionary<string, object> claims, string? secret = null, string algorithm = SecurityAlgorithms.HmacSha256,
        string? issuer = Issuer, string? audience = Audience, DateTime? expires = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddHours(1);
        var issuedAt = (expiry < DateTime.UtcNow ? expiry : DateTime.UtcNow).AddHours(-1);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = expiry,
            Issuer = issuer,
            Audience = audience,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret ?? SiloProcess.JwtSecret)), algorithm),
        });
    }

    /// <summary>An unsigned token (<c>alg: none</c>) whose claims would otherwise grant everything.</summary>
    public static string AlgNone(string tenant)
    {
        static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return Encode("""{"alg":"none","typ":"JWT"}""") + "." +
            Encode($$"""{"sub":"x","tenant_id":"{{tenant}}","role":"owner","iss":"{{Issuer}}","aud":"{{Audience}}","exp":{{exp}}}""") + ".";
    }

    public static string RandomSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
}
