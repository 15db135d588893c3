using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Receptionist.Api.Problems;

/// <summary>
/// Caps every request body at <see cref="RequestLimitsOptions.MaxBodyBytes"/>. A declared oversize body is refused
/// before it is read; a chunked one is cut off by Kestrel at the same limit (and ApiExceptionHandler answers 413).
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options)
{
    /// <summary>Not async: every request passes through here, and the rest of the pipeline's task is returned as it is.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ApiProblems.PayloadTooLarge, "Payload too large",
                $"The request body is {context.Request.ContentLength} bytes; at most {limit} bytes are accepted.");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}
