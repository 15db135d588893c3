using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Receptionist.Api.Auth;

/// <summary>
/// The registered schemes with no default authenticate scheme, not even the single registered one (which the framework
/// otherwise makes the default): the framework's authentication middleware, which the host adds on its own, then does
/// nothing per request, and <see cref="BearerAuthenticationMiddleware"/> alone authenticates. Challenge and forbid keep
/// their configured default, the JWT bearer scheme.
/// </summary>
public sealed class NoDefaultAuthenticateScheme(IOptions<AuthenticationOptions> options) : AuthenticationSchemeProvider(options)
{
    public override Task<AuthenticationScheme?> GetDefaultAuthenticateSchemeAsync() => Task.FromResult<AuthenticationScheme?>(null);
}
