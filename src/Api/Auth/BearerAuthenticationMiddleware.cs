using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Receptionist.Api.Auth;

/// <summary>
/// Authenticates a request's bearer token. A token the silo already accepted (<see cref="RememberingTokenHandler"/>:
/// unexpired, its signing key still configured) and that names a tenant becomes the request's user directly; any other
/// token goes through the JWT bearer handler in full, which validates it, remembers it when valid, and keeps its
/// failure for the 401 challenge. A request without an Authorization header stays anonymous, as the handler leaves it.
/// There is no default authenticate scheme (<see cref="NoDefaultAuthenticateScheme"/>), so the framework's own
/// authentication middleware does nothing per request: this runs in its place, and spares the live status read the
/// handler's per-request set-up (a copy of its validation parameters, events, result objects).
/// </summary>
public sealed class BearerAuthenticationMiddleware(RequestDelegate next, IOptionsMonitor<JwtBearerOptions> bearerOptions)
{
    private const string Bearer = "Bearer ";

    private Remembered? remembered;

    public Task InvokeAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count == 0)
        {
            return next(context);
        }

        if (authorization.Count == 1 && authorization[0] is { } header && header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            var tokens = Current();
            var recalled = tokens.Handler.RecallAsync(header.AsSpan(Bearer.Length).Trim(), tokens.Parameters, tokens.Configuration);
            if (recalled.IsCompletedSuccessfully)
            {
                return recalled.Result is { } identity ? AuthenticatedAsync(context, identity) : AuthenticateInFullAsync(context);
            }

            return RecallingAsync(context, recalled);
        }

        return AuthenticateInFullAsync(context);
    }

    private async Task RecallingAsync(HttpContext context, ValueTask<ClaimsIdentity?> recalled)
    {
        if (await recalled is { } identity)
        {
            await AuthenticatedAsync(context, identity);
        }
        else
        {
            await AuthenticateInFullAsync(context);
        }
    }

    /// <summary>A remembered token that names no tenant was refused by the handler's event: only the full path says why.</summary>
    private Task AuthenticatedAsync(HttpContext context, ClaimsIdentity identity)
    {
        var user = new ClaimsPrincipal(identity);
        if (user.FindTenantId() is null)
        {
            return AuthenticateInFullAsync(context);
        }

        context.User = user;
        return next(context);
    }

    private async Task AuthenticateInFullAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (result.Principal is not null)
        {
            context.User = result.Principal;
        }

        await next(context);
    }

    /// <summary>The bearer options' remembering handler and what it checks keys against, found again only when the options change.</summary>
    private Remembered Current()
    {
        var options = bearerOptions.Get(JwtBearerDefaults.AuthenticationScheme);
        var known = remembered;
        if (known is not null && ReferenceEquals(known.Options, options))
        {
            return known;
        }

        var handler = options.TokenHandlers.OfType<RememberingTokenHandler>().FirstOrDefault()
            ?? throw new InvalidOperationException($"The JWT bearer options have no {nameof(RememberingTokenHandler)}.");
        known = new Remembered(options, handler, options.TokenValidationParameters, options.ConfigurationManager as BaseConfigurationManager);
        remembered = known;
        return known;
    }

    private sealed record Remembered(
        JwtBearerOptions Options, RememberingTokenHandler Handler, TokenValidationParameters Parameters, BaseConfigurationManager? Configuration);
}
