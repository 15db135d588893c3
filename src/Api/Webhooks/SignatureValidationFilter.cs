using System.Collections.Specialized;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace Receptionist.Api.Webhooks;

/// <summary>
/// Admits a webhook only with a valid <c>X-SignalWire-Signature</c> (or its alias <c>X-Twilio-Signature</c>): the
/// Twilio-compatible HMAC-SHA1 over the public URL plus the sorted form fields. It reads the (size-limited) form
/// first, so a malformed or oversize body is a 400/413 and nothing downstream runs.
/// </summary>
public sealed class SignatureValidationFilter(IOptions<SignalWireWebhookOptions> options, ILogger<SignatureValidationFilter> logger)
    : IEndpointFilter
{
    private readonly RequestValidator? validator =
        options.Value.ValidateSignatures ? new RequestValidator(options.Value.SigningKey) : null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var form = await WebhookForm.ReadAsync(http, options.Value.MaxBodyBytes);
        if (form.Problem is { } problem)
        {
            return problem;
        }

        if (validator is null)
        {
            return await next(context);
        }

        var signature = http.Request.Headers["X-SignalWire-Signature"].FirstOrDefault() ?? http.Request.Headers["X-Twilio-Signature"].FirstOrDefault();
        var url = PublicUrl(http.Request);
        if (string.IsNullOrEmpty(signature) || !validator.Validate(url, ToCollection(form.Form!), signature))
        {
            logger.LogWarning("Rejected a webhook to {Url} for call {CallSid}: {Reason}", url, form.Form!["CallSid"].ToString(),
                string.IsNullOrEmpty(signature) ? "no signature" : "signature does not match");
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: ApiProblems.BadSignature, title: "Bad signature",
                detail: "The X-SignalWire-Signature header is missing or does not match this request.");
        }

        return await next(context);
    }

    /// <summary>The URL SignalWire requested: the configured public base (behind a proxy) plus our path and the raw query.</summary>
    private string PublicUrl(HttpRequest request)
    {
        var publicBase = options.Value.PublicBaseUrl;
        return string.IsNullOrEmpty(publicBase)
            ? request.GetEncodedUrl()
            : publicBase.TrimEnd('/') + request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
    }

    private static NameValueCollection ToCollection(IFormCollection form)
    {
        var collection = new NameValueCollection(StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            foreach (var value in values)
            {
                collection.Add(key, value);
            }
        }

        return collection;
    }
}
