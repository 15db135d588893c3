using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Receptionist.Api.Webhooks;

/// <summary>Reads a webhook's form body within a size limit, turning every way it can be wrong into a problem.</summary>
internal static class WebhookForm
{
    public static async Task<(IFormCollection? Form, ProblemHttpResult? Problem)> ReadAsync(HttpContext http, int maxBodyBytes)
    {
        var request = http.Request;
        if (request.ContentLength > maxBodyBytes)
        {
            return (null, TooLarge(maxBodyBytes));
        }

        if (!request.HasFormContentType)
        {
            return (null, Invalid("The body must be application/x-www-form-urlencoded."));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBodyBytes;
        }

        try
        {
            var form = await request.ReadFormAsync(http.RequestAborted);
            return RepeatedField(form) is { } repeated ? (null, repeated) : (form, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge(maxBodyBytes));
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return (null, Invalid($"The form body could not be read: {e.Message}"));
        }
    }

    /// <summary>
    /// SignalWire sends every field of its webhooks once. A repeated one is refused: the signature covers all its
    /// values while the parsers read one, so what was signed and what would be acted on could differ.
    /// </summary>
    private static ProblemHttpResult? RepeatedField(IFormCollection form)
    {
        foreach (var (key, values) in form)
        {
            if (values.Count > 1)
            {
                var name = key.Length > 64 ? key[..64] + "..." : key;
                return Invalid($"The field '{name}' appears {values.Count} times; SignalWire sends each field once.");
            }
        }

        return null;
    }

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.Validation, title: "Malformed webhook", detail: detail);

    private static ProblemHttpResult TooLarge(int maxBodyBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, type: ApiProblems.PayloadTooLarge, title: "Payload too large",
            detail: $"Webhook bodies are limited to {maxBodyBytes} bytes.");
}
