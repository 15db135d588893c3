using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace Receptionist.Api.Webhooks;

/// <summary>
/// Admits a webhook only with a valid <c>X-SignalWire-Signature</c> (or its alias <c>X-Twilio-Signature</c>): the
/// Twilio-compatible HMAC-SHA1 over the public URL plus the sorted form fields; on routes that take SWML fetches, a
/// JSON body signed over its raw text (<see cref="JsonSignature"/>). It reads the (size-limited) body first, so a
/// malformed or oversize body is a 400/413 and nothing downstream runs.
/// </summary>
public sealed class SignatureValidationFilter(IOptions<SignalWireWebhookOptions> options, ILogger<SignatureValidationFilter> logger)
    : IEndpointFilter
{
    private readonly RequestValidator? validator =
        options.Value.ValidateSignatures ? new RequestValidator(options.Value.SigningKey) : null;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (SwmlFetch.IsJson(http.Request) && http.GetEndpoint()?.Metadata.GetMetadata<SwmlFetch.Accepted>() is not null)
        {
            return await SwmlFetchAsync(context, next);
        }

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
        if (string.IsNullOrEmpty(signature) || !validator.Validate(url, Fields(form.Form!), signature))
        {
            logger.LogWarning("Rejected a webhook to {Url} for call {CallSid}: {Reason}", url, form.Form!["CallSid"].ToString(),
                string.IsNullOrEmpty(signature) ? "no signature" : "signature does not match");
            return BadSignature();
        }

        return await next(context);
    }

    private async ValueTask<object?> SwmlFetchAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (body, raw, problem) = await CallFlow.AgentWebhook.ReadAsync(http, options.Value.MaxBodyBytes, "Malformed webhook");
        if (problem is not null)
        {
            return problem;
        }

        if (validator is not null)
        {
            var url = PublicUrl(http.Request);
            var sha1 = http.Request.Headers["X-SignalWire-Signature"].FirstOrDefault() ?? http.Request.Headers["X-Twilio-Signature"].FirstOrDefault();
            var sha256 = http.Request.Headers["X-SignalWire-SHA256-Signature"].FirstOrDefault();

            // A compatibility-style JSON post signs the URL carrying bodySHA256 instead (Twilio's check covers it).
            var valid = http.Request.Query.ContainsKey("bodySHA256")
                ? sha1 is not null && validator.Validate(url, raw, sha1)
                : JsonSignature.IsValid(options.Value.SigningKey!, url, raw, sha1, sha256);
            if (!valid)
            {
                logger.LogWarning("Rejected a SWML fetch to {Url}: {Reason}", url, sha1 is null && sha256 is null ? "no signature" : "signature does not match");
                return BadSignature();
            }
        }

        http.Features.Set(new SwmlFetch(raw, body!));
        return await next(context);
    }

    private static ProblemHttpResult BadSignature() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: ApiProblems.BadSignature, title: "Bad signature",
            detail: "The X-SignalWire-Signature header is missing or does not match this request.");

    /// <summary>The URL SignalWire requested: the configured public base (behind a proxy) plus our path and the raw query.</summary>
    private string PublicUrl(HttpRequest request)
    {
        var publicBase = options.Value.PublicBaseUrl;
        return string.IsNullOrEmpty(publicBase)
            ? request.GetEncodedUrl()
            : publicBase.TrimEnd('/') + request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
    }

    /// <summary>
    /// The form as the validator's dictionary overload takes it (its collection overload copies into one anyway). One
    /// value per field: <see cref="WebhookForm"/> refused repeated fields.
    /// </summary>
    private static Dictionary<string, string> Fields(IFormCollection form)
    {
        var fields = new Dictionary<string, string>(form.Count, StringComparer.Ordinal);
        foreach (var (key, values) in form)
        {
            fields[key] = values.ToString();
        }

        return fields;
    }
}
