using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Receptionist.Api.Auth;
using Receptionist.Grains;
using Receptionist.Grains.Analytics;

namespace Receptionist.Api.Analytics;

public static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/signalwire").WithTags("Analytics");
        group.MapGet("/analytics", GetAsync).RequirePermission(Permissions.AnalyticsRead);
        return routes;
    }

    /// <summary>From the tenant grain's in-memory rollups: the same cost at ten calls or ten million.</summary>
    private static async Task<Results<Ok<AnalyticsResponse>, ValidationProblem>> GetAsync(
        [AsParameters] AnalyticsRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var (query, check) = request.ToQuery();
        if (query is null)
        {
            return check.Problem()!;
        }

        var report = await grains.GetGrain<ITenantAnalyticsGrain>(GrainKeys.Tenant(user.GetTenantId())).GetAnalytics(query);
        return TypedResults.Ok(AnalyticsResponse.Of(report));
    }
}
