namespace Receptionist.Api.Auth;

/// <summary>
/// Endpoint metadata naming the one permission a private route requires. The rate limiter, the OpenAPI document and
/// the route audit test read it, so a route that declares its permission gets all three without further code.
/// </summary>
public sealed record RequiredPermission(string Permission);
