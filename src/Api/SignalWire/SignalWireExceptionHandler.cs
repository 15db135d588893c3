using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Receptionist.Grains.SignalWire;

namespace Receptionist.Api.SignalWire;

/// <summary>
/// The one place SignalWire's failures become problems, whichever route or grain met them:
/// a refusal is a 4xx carrying SignalWire's status, code and message (extensions <c>signalWireStatus</c>,
/// <c>signalWireCode</c>, <c>signalWireMessage</c>, <c>signalWireMoreInfo</c>); a 5xx or unreachable SignalWire is 502;
/// no answer in time is 504; no SignalWire configuration is 503. A refusal of our own credentials (401/403) is not the
/// caller's fault, so it is a 502 too.
/// </summary>
public sealed partial class SignalWireExceptionHandler(ILogger<SignalWireExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not SignalWireException failure || httpContext.Response.HasStarted)
        {
            return false;
        }

        var upstreamStatus = (int?)failure.StatusCode;
        var (status, type, title) = failure.Kind switch
        {
            SignalWireFailureKind.NotConfigured =>
                (StatusCodes.Status503ServiceUnavailable, ApiProblems.SignalWireNotConfigured, "SignalWire is not configured"),
            SignalWireFailureKind.Timeout =>
                (StatusCodes.Status504GatewayTimeout, ApiProblems.SignalWireTimeout, "SignalWire did not answer in time"),
            SignalWireFailureKind.Rejected when failure.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                (StatusCodes.Status502BadGateway, ApiProblems.SignalWireUnavailable, "SignalWire refused this service's credentials"),
            SignalWireFailureKind.Rejected =>
                (upstreamStatus is >= 400 and < 500 ? upstreamStatus.Value : StatusCodes.Status400BadRequest, ApiProblems.SignalWireRejected, "SignalWire rejected the request"),
            _ => (StatusCodes.Status502BadGateway, ApiProblems.SignalWireUnavailable, "SignalWire failed"),
        };

        var extensions = new Dictionary<string, object?>();
        if (failure.Kind is SignalWireFailureKind.Rejected or SignalWireFailureKind.Upstream)
        {
            extensions["signalWireStatus"] = upstreamStatus;
            extensions["signalWireCode"] = failure.Code;
            extensions["signalWireMessage"] = failure.Message;
            extensions["signalWireMoreInfo"] = failure.MoreInfo;
        }

        LogFailure(logger, httpContext.Request.Method, httpContext.Request.Path, status, failure.Kind, upstreamStatus, failure.Code, failure.Message);
        await ApiProblems.WriteAsync(httpContext, status, type, title, failure.Message, extensions);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Method} {Path} answered {Status}: SignalWire {Kind} (status {SignalWireStatus}, code {SignalWireCode}): {SignalWireMessage}")]
    private static partial void LogFailure(ILogger logger, string method, string path, int status, SignalWireFailureKind kind,
        int? signalWireStatus, int? signalWireCode, string signalWireMessage);
}
