using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Receptionist.Api.Auth;

/// <summary>Signs HS256 tokens the way a Supabase-style issuer would; for development and tests.</summary>
public static class DevTokenIssuer
{
    public static string Issue(string secret, string tenantId, IEnumerable<string> permissions, string? role = null,
        TimeSpan? lifetime = null, string? issuer = null, string? audience = null, DateTime? now = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = $"dev-{tenantId}",
            [ReceptionistClaims.TenantId] = tenantId,
        };
        var granted = permissions.ToArray();
        if (granted.Length > 0)
        {
            claims[ReceptionistClaims.Permissions] = granted;
        }

        if (!string.IsNullOrEmpty(role))
        {
            claims[ReceptionistClaims.Role] = role;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt.AddSeconds(-5),
            Expires = issuedAt + (lifetime ?? TimeSpan.FromHours(1)),
            Issuer = issuer,
            Audience = audience,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
