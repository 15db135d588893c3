using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Receptionist.Api.Auth;
using Receptionist.Grains.Observability;

namespace Receptionist.Api.Observability;

/// <summary>
/// One Information line per API call and webhook (route, tenant, SID, outcome, status, duration), and the webhook
/// metrics. Health probes, metrics scrapes and static files are not API calls and are not logged. It runs outside the
/// exception handlers so that it logs the status the client got (a 503 for a database outage, not the exception's 500);
/// what it needs of the endpoint is read before the handlers, which clear the endpoint and route values.
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger, ReceptionistTelemetry telemetry)
{
    private const string ApiPrefix = "/api/";

    private static readonly string[] SidRouteValues = ["callSid", "messageSid", "sid"];

    public async Task InvokeAsync(HttpContext context)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        if (route is null || !route.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var isWebhook = context.GetEndpoint()?.Metadata.GetMetadata<WebhookOutcomes.Marker>() is not null;
        var routeSid = logger.IsEnabled(LogLevel.Information) ? RouteSid(context) : null;
        var statusCode = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context);
            statusCode = context.Response.StatusCode;
        }
        finally
        {
            Record(context, route, isWebhook, routeSid, statusCode, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Record(HttpContext context, string route, bool isWebhook, string? routeSid, int statusCode, TimeSpan elapsed)
    {
        var webhook = isWebhook ? WebhookOutcomes.Of(context, statusCode) : null;
        if (webhook is not null)
        {
            telemetry.RecordWebhook(route, webhook.Outcome, webhook.Reason, elapsed);
        }

        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var tenant = context.User.FindTenantId() ?? webhook?.TenantId;
        var sid = webhook?.Sid ?? routeSid;
        var outcome = webhook is null ? Outcome(statusCode) : webhook.Reason is null ? webhook.Outcome : $"{webhook.Outcome}:{webhook.Reason}";
        logger.LogInformation("{Method} {Route} {Outcome} {StatusCode} tenant={TenantId} sid={Sid} in {ElapsedMs:0.0} ms",
            context.Request.Method, route, outcome, statusCode, tenant ?? "-", sid ?? "-", elapsed.TotalMilliseconds);
    }

    private static string? RouteSid(HttpContext context)
    {
        foreach (var key in SidRouteValues)
        {
            if (context.Request.RouteValues.TryGetValue(key, out var value) && value is not null)
            {
                return value.ToString();
            }
        }

        return null;
    }

    private static string Outcome(int statusCode) => statusCode switch
    {
        < 400 => "ok",
        < 500 => "refused",
        _ => "failed",
    };
}
