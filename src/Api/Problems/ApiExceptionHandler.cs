using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Receptionist.Api.Problems;

/// <summary>
/// Maps exceptions to problems. A client's mistake (bad JSON, oversize body, wrong media type) is a 4xx that says
/// what was wrong; anything else is a 500 with only a trace id, never the exception's message or stack.
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        var (status, type, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, ApiProblems.PayloadTooLarge, "Payload too large", exception.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                (StatusCodes.Status415UnsupportedMediaType, ApiProblems.UnsupportedMediaType, "Unsupported media type", exception.Message),
            BadHttpRequestException { InnerException: JsonException json } =>
                (StatusCodes.Status400BadRequest, ApiProblems.MalformedBody, "Malformed request body", $"The request body is not valid JSON for this route: {json.Message}"),
            BadHttpRequestException bad when bad.Message.Contains("no body was provided", StringComparison.Ordinal) =>
                (StatusCodes.Status400BadRequest, ApiProblems.MalformedBody, "Malformed request body", "This route requires a JSON request body."),
            BadHttpRequestException bad =>
                (bad.StatusCode, ApiProblems.ForStatus(bad.StatusCode), "Bad request", bad.Message),
            SiloUnavailableException or OrleansMessageRejectionException => (StatusCodes.Status503ServiceUnavailable, ApiProblems.ForStatus(StatusCodes.Status503ServiceUnavailable),
                "Service unavailable", "A silo is leaving the cluster; retry in a moment."),
            _ => (StatusCodes.Status500InternalServerError, ApiProblems.Internal, "Internal server error",
                "The server failed to process the request; quote the traceId when reporting it."),
        };

        if (status >= 500)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            LogRejected(logger, httpContext.Request.Method, httpContext.Request.Path, status, exception.Message);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        await ApiProblems.WriteAsync(httpContext, status, type, title, detail);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception serving {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rejected {Method} {Path} with {Status}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string path, int status, string reason);
}
