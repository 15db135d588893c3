using System.Collections;
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
        var tenantId = context.User.FindTenantId();
        var callSid = context.Request.RouteValues.TryGetValue("callSid", out var sid) ? sid : null;
        if (tenantId is null && callSid is null)
        {
            await next(context);
            return;
        }

        using (logger.BeginScope(new RequestScope(tenantId, callSid)))
        {
            await next(context);
        }
    }

    /// <summary>The scope's properties (only those the request has), as loggers read a scope: one object per request.</summary>
    private sealed class RequestScope(string? tenantId, object? callSid) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => (tenantId is null ? 0 : 1) + (callSid is null ? 0 : 1);

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 && tenantId is not null ? new("TenantId", tenantId)
            : index == (tenantId is null ? 0 : 1) && callSid is not null ? new("CallSid", callSid)
            : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => string.Join(", ", this.Select(p => $"{p.Key}:{p.Value}"));
    }
}
