using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Receptionist.Api.Validation;

namespace Receptionist.Api;

/// <summary>The stable problem <c>type</c> URIs of this API (RFC 7807), and a writer for places outside endpoints.</summary>
public static class ApiProblems
{
    private const string Base = "https://receptionist.dev/problems/";

    public const string BadRequest = Base + "bad-request";
    public const string MalformedBody = Base + "malformed-body";
    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string MethodNotAllowed = Base + "method-not-allowed";
    public const string Validation = Base + "validation";
    public const string Conflict = Base + "conflict";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string RateLimited = Base + "rate-limited";
    public const string BadSignature = Base + "bad-signature";
    public const string Unavailable = Base + "unavailable";
    public const string OptedOut = Base + "opted-out";
    public const string Internal = Base + "internal";
    public const string SignalWireRejected = Base + "signalwire-rejected";
    public const string SignalWireUnavailable = Base + "signalwire-unavailable";
    public const string SignalWireTimeout = Base + "signalwire-timeout";
    public const string SignalWireNotConfigured = Base + "signalwire-not-configured";

    /// <summary>A problem's <c>instance</c>: the request path, cut short so a long path cannot make the problem large.</summary>
    public static string InstanceOf(PathString path) =>
        path.Value is { Length: > MaxInstanceLength } value ? value[..MaxInstanceLength] + "..." : path.Value ?? "";

    /// <summary>404 for a call SID that names no call of this tenant; an invalid SID is quoted short, never echoed whole.</summary>
    public static ProblemHttpResult CallNotFound(string callSid) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: NotFound, title: "Not found",
            detail: $"There is no call {RequestValidator.Quote(callSid)}.");

    private const int MaxInstanceLength = 256;

    /// <summary>The type of a problem that was produced with only a status code (status pages, framework results).</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status422UnprocessableEntity => Validation,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        >= 500 => Internal,
        _ => BadRequest,
    };

    public static async Task WriteAsync(HttpContext context, int status, string type, string title, string detail,
        IDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail, Instance = InstanceOf(context.Request.Path) };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[key] = value;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
