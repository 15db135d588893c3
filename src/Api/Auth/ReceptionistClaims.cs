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
    /// Permissions from a <c>permissions</c> claim (a JSON array arrives as one claim per element; a string may be
    /// space-separated) or, when there is none, from the <c>role</c> claim through <see cref="Auth.Permissions.ByRole"/>.
    /// </summary>
    public static IReadOnlySet<string> GetPermissions(this ClaimsPrincipal user)
    {
        var granted = user.FindAll(Permissions)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
        if (granted.Count > 0)
        {
            return granted;
        }

        return user.FindAll(Role).Concat(user.FindAll(ClaimTypes.Role))
            .SelectMany(c => Auth.Permissions.ByRole.TryGetValue(c.Value, out var p) ? p : [])
            .ToHashSet(StringComparer.Ordinal);
    }
}
