using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Receptionist.Api.Analytics;
using Receptionist.Api.Auth;
using Receptionist.Api.CallFlow;
using Receptionist.Api.Calls;
using Receptionist.Api.Console;
using Receptionist.Api.Events;
using Receptionist.Api.Logging;
using Receptionist.Api.Messaging;
using Receptionist.Api.Numbers;
using Receptionist.Api.Observability;
using Receptionist.Api.OpenApi;
using Receptionist.Api.Problems;
using Receptionist.Api.RateLimiting;
using Receptionist.Api.SignalWire;
using Receptionist.Api.Tenancy;
using Receptionist.Api.Webhooks;
using Receptionist.Grains.Observability;

namespace Receptionist.Api;

public static class ApiSetup
{
    public static IServiceCollection AddReceptionistApi(this IServiceCollection services)
    {
        services.TryAddSingleton<ReceptionistTelemetry>();
        services.AddReceptionistProblems();
        services.AddReceptionistAuth();
        services.AddTenantRateLimiting();
        services.AddReceptionistApiDocs();
        services.AddSignalWireWebhooks();
        services.AddCallsApi();
        services.AddCallFlow();
        services.AddSingleton<CallbackUrls>();
        return services;
    }

    public static WebApplication UseReceptionistApi(this WebApplication app)
    {
        app.WarnIfAuthUnconfigured();
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseReceptionistProblems();
        app.UseReceptionistConsole();
        app.UseReceptionistAuthentication();
        app.UseMiddleware<LogScopeMiddleware>();
        app.UseReceptionistAuthorization();
        app.UseTenantRateLimiting();
        return app;
    }

    public static IEndpointRouteBuilder MapReceptionistApi(this IEndpointRouteBuilder routes)
    {
        routes.MapReceptionistApiDocs();
        routes.MapTenantSettings();
        routes.MapCallWebhooks();
        routes.MapCalls();
        routes.MapAnalytics();
        routes.MapCallFlow();
        routes.MapSmsWebhooks();
        routes.MapSms();
        routes.MapOutboundCalls();
        routes.MapPhoneNumbers();
        routes.MapWebhooks();
        return routes;
    }
}
