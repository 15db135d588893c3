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
            return (await request.ReadFormAsync(http.RequestAborted), null);
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

    private static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.Validation, title: "Malformed webhook", detail: detail);

    private static ProblemHttpResult TooLarge(int maxBodyBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, type: ApiProblems.PayloadTooLarge, title: "Payload too large",
            detail: $"Webhook bodies are limited to {maxBodyBytes} bytes.");
}
