using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Receptionist.Api.Problems;

/// <summary>
/// Answers a request that failed because the database or a silo is unavailable with 503 and <c>Retry-After</c>, not
/// 500: the client (SignalWire included) retries, and no webhook acknowledged so far is lost. The log gets one line
/// per kind of failure per interval (<see cref="DependencyFailureLog"/>), not a stack trace per request.
/// </summary>
public sealed class DependencyFailureHandler(DependencyFailureLog log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted || DependencyFailure.Of(exception) is not { } failure)
        {
            return false;
        }

        log.Record(failure, exception);
        httpContext.Response.Headers.RetryAfter = failure.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await ApiProblems.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, ApiProblems.Unavailable, "Service unavailable",
            failure.Detail, new Dictionary<string, object?> { ["retryAfterSeconds"] = failure.RetryAfterSeconds });
        return true;
    }
}
