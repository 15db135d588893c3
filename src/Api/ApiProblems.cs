using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Receptionist.Api;

/// <summary>The stable problem <c>type</c> URIs of this API (RFC 7807), and a writer for places outside endpoints.</summary>
public static class ApiProblems
{
    private const string Base = "https://receptionist.dev/problems/";

    public const string Unauthorized = Base + "unauthorized";
    public const string Forbidden = Base + "forbidden";
    public const string NotFound = Base + "not-found";
    public const string Validation = Base + "validation";
    public const string Conflict = Base + "conflict";
    public const string RateLimited = Base + "rate-limited";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string BadSignature = Base + "bad-signature";
    public const string Unavailable = Base + "unavailable";
    public const string Internal = Base + "internal";

    public static async Task WriteAsync(HttpContext context, int status, string type, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail, Instance = context.Request.Path };
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
