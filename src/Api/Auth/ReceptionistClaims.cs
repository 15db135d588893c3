using System.Security.Claims;

namespace Receptionist.Api.Auth;

/// <summary>The claims our tokens carry, and how a principal's tenant and permissions are read from them.</summary>
public static class ReceptionistClaims
{
    public const string TenantId = "tenant_id";
    public const string Permissions = "permissions";
    public const string Role = "role";

    public static string? FindTenantId(this ClaimsPrincipal user) =>
        user.FindFirst(TenantId)?.Value is { Length: > 0 } id ? id : null;

    /// <summary>The tenant of an authenticated request; the authorization layer guarantees one exists.</summary>
    public static string GetTenantId(this ClaimsPrincipal user) =>
        user.FindTenantId() ?? throw new InvalidOperationException("The request's token has no tenant_id.");

    /// <summary>
    /// Whether the token grants <paramref name="permission"/>: through its <c>permissions</c> claim (a JSON array arrives
    /// as one claim per element; a string may be space-separated) or, when that lists none, through its <c>role</c>
    /// claim and <see cref="Auth.Permissions.ByRole"/>. Checked on every private request, so it builds no set.
    /// </summary>
    public static bool HasPermission(this ClaimsPrincipal user, string permission)
    {
        var listsAny = false;
        foreach (var claim in user.FindAll(Permissions))
        {
            var value = claim.Value.AsSpan();
            foreach (var range in value.Split(' '))
            {
                var granted = value[range].Trim();
                if (granted.Length > 0)
                {
                    listsAny = true;
                    if (granted.SequenceEqual(permission))
                    {
                        return true;
                    }
                }
            }
        }

        if (listsAny)
        {
            return false;
        }

        return GrantsByRole(user, Role, permission) || GrantsByRole(user, ClaimTypes.Role, permission);
    }

    private static bool GrantsByRole(ClaimsPrincipal user, string roleClaim, string permission)
    {
        foreach (var claim in user.FindAll(roleClaim))
        {
            if (Auth.Permissions.ByRole.TryGetValue(claim.Value, out var granted) && granted.Contains(permission))
            {
                return true;
            }
        }

        return false;
    }
}
