using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Receptionist.Api.Auth;
using Receptionist.Api.Calls;
using Receptionist.Api.Logging;
using Receptionist.Api.Tenancy;
using Receptionist.Api.Webhooks;

namespace Receptionist.Api;

public static class ApiSetup
{
    public static IServiceCollection AddReceptionistApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddReceptionistAuth();
        services.AddSignalWireWebhooks();
        services.AddCallsApi();
        return services;
    }

    public static WebApplication UseReceptionistApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseMiddleware<LogScopeMiddleware>();
        app.UseAuthorization();
        return app;
    }

    public static IEndpointRouteBuilder MapReceptionistApi(this IEndpointRouteBuilder routes)
    {
        routes.MapTenantSettings();
        routes.MapCallWebhooks();
        routes.MapCalls();
        return routes;
    }
}
