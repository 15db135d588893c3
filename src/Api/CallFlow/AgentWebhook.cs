using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Receptionist.Api.Validation;

namespace Receptionist.Api.CallFlow;

/// <summary>What the AI agent's JSON webhooks (SWAIG functions, the post-prompt report) share: a bounded body and the call it names.</summary>
internal static class AgentWebhook
{
    /// <summary>The body as a JSON object and as the exact text received, or a 400/413 problem.</summary>
    public static async Task<(JsonObject? Body, string Raw, ProblemHttpResult? Problem)> ReadAsync(HttpContext http, int maxBytes, string title)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return (null, "", TooLarge(maxBytes));
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var buffer = new char[maxBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), http.RequestAborted);
        if (read > maxBytes)
        {
            return (null, "", TooLarge(maxBytes));
        }

        var raw = new string(buffer, 0, read);
        try
        {
            if (JsonNode.Parse(raw) is JsonObject body)
            {
                return (body, raw, null);
            }
        }
        catch (JsonException)
        {
            // Falls through to the problem below.
        }

        return (null, raw, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.Validation, title: title,
            detail: "The body must be a JSON object."));
    }

    /// <summary>The call named by our <c>global_data.call_sid</c> (or SignalWire's <c>call_id</c>), when it is a SID.</summary>
    public static string? CallSidOf(JsonObject request)
    {
        var callSid = Text(request["global_data"] as JsonObject, "call_sid") ?? Text(request, "call_id");
        return Sids.IsValid(callSid) ? callSid : null;
    }

    public static string? Text(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: ApiProblems.Unauthorized, title: "Unauthorized", detail: detail);

    private static ProblemHttpResult TooLarge(int maxBytes) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, type: ApiProblems.PayloadTooLarge, title: "Payload too large",
            detail: $"Bodies are limited to {maxBytes} bytes.");
}
