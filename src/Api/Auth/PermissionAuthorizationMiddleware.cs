using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Receptionist.Api.Auth;

/// <summary>
/// The API's whole authorization rule, decided from endpoint metadata alone: an <c>AllowAnonymous</c> route is open; a
/// route declaring <see cref="RequiredPermission"/> needs an authenticated user with a tenant and that permission; any
/// other route endpoint is closed, so a route someone forgot to protect answers 401/403 rather than serving. A request
/// that matched no route, and routing's own 405/415 rejection endpoints (not route endpoints), pass, so they still
/// answer 404/405/415. A refusal is the bearer scheme's: 401 (challenge) without an authenticated user, else 403
/// (forbid), both written by its events as problem+json.
/// </summary>
public sealed class PermissionAuthorizationMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return next(context);
        }

        var required = endpoint.Metadata.GetMetadata<RequiredPermission>();
        if (required is null && endpoint is not RouteEndpoint)
        {
            return next(context);
        }

        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return context.ChallengeAsync();
        }

        return required is not null && user.FindTenantId() is not null && user.HasPermission(required.Permission)
            ? next(context)
            : context.ForbidAsync();
    }
}
