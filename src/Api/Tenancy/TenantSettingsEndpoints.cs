using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Receptionist.Api.Auth;
using Receptionist.Grains;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.Tenancy;

public static class TenantSettingsEndpoints
{
    public static IEndpointRouteBuilder MapTenantSettings(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tenant/settings").WithTags("Tenant");
        group.MapGet("/", GetAsync).RequirePermission(Permissions.SettingsRead);
        group.MapPut("/", PutAsync).RequirePermission(Permissions.SettingsWrite);
        return routes;
    }

    private static async Task<Ok<TenantSettings>> GetAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(user.GetTenantId())).GetSettings());

    private static async Task<Results<Ok<TenantSettings>, ValidationProblem>> PutAsync(
        TenantSettingsRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request.Validate().Problem() is { } invalid)
        {
            return invalid;
        }

        var tenant = grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(user.GetTenantId()));
        return TypedResults.Ok(await tenant.UpdateSettings(request.ToSettings()));
    }
}
