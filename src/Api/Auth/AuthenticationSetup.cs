using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Receptionist.Api.Auth;

public static class AuthenticationSetup
{
    /// <summary>JWT bearer authentication, and one authorization policy per permission.</summary>
    public static IServiceCollection AddReceptionistAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();

        var authorization = services.AddAuthorizationBuilder();
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(Permissions.Policy(permission), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.GetPermissions().Contains(permission)));
        }

        return services;
    }

    /// <summary>Requires the one permission this route needs (and, through it, a valid token with a tenant).</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Permissions.Policy(permission));

    private sealed class ConfigureJwtBearer(IOptions<AuthOptions> auth) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions options)
        {
            var settings = auth.Value;
            options.MapInboundClaims = false;
            options.TokenValidationParameters.ValidateLifetime = true;
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
            options.TokenValidationParameters.ValidIssuer = settings.Issuer;
            options.TokenValidationParameters.ValidateIssuer = !string.IsNullOrEmpty(settings.Issuer);
            options.TokenValidationParameters.ValidAudience = settings.Audience;
            options.TokenValidationParameters.ValidateAudience = !string.IsNullOrEmpty(settings.Audience);
            options.TokenValidationParameters.NameClaimType = "sub";
            options.TokenValidationParameters.RoleClaimType = ReceptionistClaims.Role;

            if (!string.IsNullOrEmpty(settings.JwtSecret))
            {
                options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.JwtSecret));
                options.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
            }
            else if (!string.IsNullOrEmpty(settings.Authority))
            {
                options.Authority = settings.Authority;
                options.RequireHttpsMetadata = settings.Authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            }
            else
            {
                // No way to validate a token: every private route answers 401 (the start-up log says so).
                options.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray());
            }

            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (context.Principal?.FindTenantId() is null)
                    {
                        context.Fail("The token has no tenant_id claim.");
                    }

                    return Task.CompletedTask;
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var detail = AuthFailures.Describe(context.AuthenticateFailure, context.Request.Headers.Authorization.Count > 0);
                    await ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ApiProblems.Unauthorized, "Unauthorized", detail);
                },
                OnForbidden = context => ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, ApiProblems.Forbidden,
                    "Forbidden", "The token does not grant the permission this route requires."),
            };
        }
    }
}
