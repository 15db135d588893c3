using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Receptionist.Api.Auth;

namespace Receptionist.Api.Logging;

/// <summary>
/// Adds the tenant id and call SID (when the request names one) to the logging scope, so every line logged while
/// serving the request carries them beside ASP.NET Core's own RequestId.
/// </summary>
public sealed class LogScopeMiddleware(RequestDelegate next, ILogger<LogScopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var scope = new Dictionary<string, object?>();
        if (context.User.FindTenantId() is { } tenantId)
        {
            scope["TenantId"] = tenantId;
        }

        if (context.Request.RouteValues.TryGetValue("callSid", out var callSid) && callSid is not null)
        {
            scope["CallSid"] = callSid;
        }

        if (scope.Count == 0)
        {
            await next(context);
            return;
        }

        using (logger.BeginScope(scope))
        {
            await next(context);
        }
    }
}
