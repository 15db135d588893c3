using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Receptionist.Api.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// JWT bearer authentication as the challenge and forbid scheme (401/403 problems), run per request by
    /// <see cref="BearerAuthenticationMiddleware"/>, and authorization by <see cref="PermissionAuthorizationMiddleware"/>:
    /// an endpoint that declares neither a permission nor <c>AllowAnonymous</c> is denied, so a route someone forgot to
    /// protect is closed, not open.
    /// </summary>
    public static IServiceCollection AddReceptionistAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthentication(o =>
        {
            o.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
            o.DefaultForbidScheme = JwtBearerDefaults.AuthenticationScheme;
        }).AddJwtBearer();
        services.AddSingleton<IAuthenticationSchemeProvider, NoDefaultAuthenticateScheme>();
        return services;
    }

    /// <summary>Authenticates the request's bearer token; the authorization runs after the log scope is set.</summary>
    public static WebApplication UseReceptionistAuthentication(this WebApplication app)
    {
        app.UseMiddleware<BearerAuthenticationMiddleware>();
        return app;
    }

    public static WebApplication UseReceptionistAuthorization(this WebApplication app)
    {
        app.UseMiddleware<PermissionAuthorizationMiddleware>();
        return app;
    }

    /// <summary>Says at start-up when no token can be validated, since every private route will then answer 401.</summary>
    public static WebApplication WarnIfAuthUnconfigured(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (string.IsNullOrEmpty(settings.JwtSecret) && string.IsNullOrEmpty(settings.Authority))
        {
            app.Logger.LogWarning("Neither Auth:JwtSecret nor Auth:Authority is configured: every private route answers 401.");
        }

        return app;
    }

    /// <summary>Requires the one permission this route needs (and, through it, a valid token with a tenant).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!Permissions.All.Contains(permission))
        {
            throw new ArgumentException($"'{permission}' is not one of the permissions in {nameof(Permissions)}.{nameof(Permissions.All)}.", nameof(permission));
        }

        return builder.WithMetadata(new RequiredPermission(permission));
    }

    private sealed class ConfigureJwtBearer(IOptions<AuthOptions> auth) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions options)
        {
            var settings = auth.Value;
            var parameters = options.TokenValidationParameters;
            options.MapInboundClaims = false;
            options.SaveToken = false;
            options.TokenHandlers.Clear();
            options.TokenHandlers.Add(new RememberingTokenHandler { MapInboundClaims = false });
            parameters.ValidateLifetime = true;
            parameters.RequireExpirationTime = true;
            parameters.RequireSignedTokens = true;
            parameters.ClockSkew = TimeSpan.FromSeconds(30);
            parameters.ValidIssuer = settings.Issuer;
            parameters.ValidAudience = settings.Audience;
            parameters.ValidateAudience = !string.IsNullOrEmpty(settings.Audience);
            parameters.NameClaimType = "sub";
            parameters.RoleClaimType = ReceptionistClaims.Role;

            if (!string.IsNullOrEmpty(settings.JwtSecret))
            {
                // A shared secret has no metadata to learn the issuer from: it is checked only when configured.
                parameters.ValidateIssuer = !string.IsNullOrEmpty(settings.Issuer);
                parameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.JwtSecret));
                parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
            else if (!string.IsNullOrEmpty(settings.Authority))
            {
                // The issuer and signing keys come from the authority's discovery document (or Auth:Issuer when set).
                options.Authority = settings.Authority;
                options.RequireHttpsMetadata = settings.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                parameters.ValidateIssuer = true;
            }
            else
            {
                // No way to validate a token: every private route answers 401 (the start-up log says so).
                parameters.IssuerSigningKey = new SymmetricSecurityKey(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());
            }

            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (context.Principal?.FindTenantId() is null)
                    {
                        context.Fail(new MissingTenantClaimException());
                    }

                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var failure = AuthFailure.Describe(context.AuthenticateFailure, context.Request.Headers.Authorization.FirstOrDefault(),
                        context.Options.TokenValidationParameters.ValidAlgorithms);
                    context.Response.Headers.WWWAuthenticate = failure.Challenge;
                    await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ApiProblems.Unauthorized, "Unauthorized",
                        failure.Detail, new Dictionary<string, object?> { ["reason"] = failure.Reason });
                },
                OnForbidden = context => ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, ApiProblems.Forbidden,
                    "Forbidden", ForbiddenDetail(context.HttpContext)),
            };
        }

        private static string ForbiddenDetail(HttpContext context) =>
            context.GetEndpoint()?.Metadata.GetMetadata<RequiredPermission>() is { } required
                ? $"The token does not grant the '{required.Permission}' permission this route requires."
                : "This route is not open to API clients.";
    }
}
