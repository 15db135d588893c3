using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Receptionist.Api.Auth;
using Receptionist.Grains;
using Receptionist.Grains.Analytics;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.Analytics;

public static class AnalyticsEndpoints
{
    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/signalwire").WithTags("Analytics");
        group.MapGet("/analytics", GetAsync).RequirePermission(Permissions.AnalyticsRead);
        return routes;
    }

    /// <summary>
    /// From the tenant grain's in-memory rollups (the same cost at ten calls or ten million), and the hours of the day
    /// and opt-outs from the logs' rows of the period (<see cref="ILogFigures"/>), in the tenant's time zone.
    /// </summary>
    private static async Task<Results<Ok<AnalyticsResponse>, ValidationProblem>> GetAsync(
        [AsParameters] AnalyticsRequest request, ClaimsPrincipal user, IGrainFactory grains, ILogFigures logFigures, CancellationToken cancellationToken)
    {
        var (query, check) = request.ToQuery();
        if (query is null)
        {
            return check.Problem()!;
        }

        var tenantId = user.GetTenantId();
        var reporting = grains.GetGrain<ITenantAnalyticsGrain>(GrainKeys.Tenant(tenantId)).GetAnalytics(query);
        var settings = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).GetSettings();
        var report = await reporting;
        var zone = LocalDays.Zone(settings.TimeZone);
        var figures = await logFigures.CountAsync(
            new LogFiguresQuery(tenantId, LocalDays.Start(report.From, zone), LocalDays.Start(report.To.AddDays(1), zone), LocalDays.IanaId(zone)),
            cancellationToken);
        return TypedResults.Ok(AnalyticsResponse.Of(report, figures, query.GroupBy));
    }
}
