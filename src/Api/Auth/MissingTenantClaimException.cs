using Microsoft.IdentityModel.Tokens;

namespace Receptionist.Api.Auth;

/// <summary>A token that is otherwise valid but names no tenant: nothing it could be allowed to read.</summary>
public sealed class MissingTenantClaimException() : SecurityTokenValidationException("The token has no tenant_id claim.");
