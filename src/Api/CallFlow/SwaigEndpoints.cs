using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Receptionist.Api.SignalWire;
using Receptionist.Api.Validation;
using Receptionist.Api.Webhooks;
using Receptionist.Grains;
using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Calls;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// The AI agent's SWAIG functions (JSON POSTs from SignalWire): transfer to a department, take a message, check
/// business hours. Each tenant has its own credentials (<see cref="SwaigCredentials"/>); the call's grain runs the
/// function, and touches the call only when it belongs to that tenant.
/// </summary>
public static class SwaigEndpoints
{
    public static IEndpointRouteBuilder MapSwaigFunctions(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(CallbackUrls.SwaigPath, FunctionAsync)
            .WithTags("SignalWire webhooks").AllowAnonymous().DisableRateLimiting().DisableAntiforgery().ExcludeFromDescription();
        return routes;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> FunctionAsync(
        HttpContext http, IGrainFactory grains, SwaigCredentials credentials, IOptions<SignalWireWebhookOptions> options)
    {
        if (credentials.TenantOf(http.Request) is not { } tenantId)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, type: ApiProblems.Unauthorized, title: "Unauthorized",
                detail: "This function URL needs the credentials it was issued with.");
        }

        var (request, raw, problem) = await ReadAsync(http, options.Value.MaxBodyBytes);
        if (problem is not null)
        {
            return problem;
        }

        var function = (string)request!["function"]!;
        if (!AgentFunctionCall.Names.Contains(function))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ApiProblems.NotFound, title: "Unknown function",
                detail: $"There is no SWAIG function {RequestValidator.Quote(function)}.");
        }

        if (CallSidOf(request) is not { } callSid)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.Validation, title: "Malformed SWAIG request",
                detail: "The request must name its call (global_data.call_sid or call_id).");
        }

        var arguments = SwmlDocuments.Arguments(request);
        var call = new AgentFunctionCall
        {
            Function = function,
            RequestKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..16],
            Department = Text(arguments, "department"),
            Message = Text(arguments, "message"),
            CallerName = Text(arguments, "name"),
            CallbackNumber = Text(arguments, "callback_number"),
        };
        var result = await grains.GetGrain<ICallGrain>(GrainKeys.Call(callSid)).RunAgentFunction(tenantId, call);
        return Json(result.ConnectTo is { } number
            ? SwmlDocuments.FunctionResult(result.Response, new JsonObject { ["say"] = result.Say }, SwmlDocuments.ConnectAction(number))
            : SwmlDocuments.FunctionResult(result.Response));
    }

    /// <summary>The call named by our <c>global_data.call_sid</c> (or SignalWire's <c>call_id</c>), when it is a SID.</summary>
    private static string? CallSidOf(JsonObject request)
    {
        var callSid = (request["global_data"] as JsonObject)?["call_sid"] is JsonValue sid && sid.TryGetValue<string>(out var ours)
            ? ours
            : request["call_id"] is JsonValue id && id.TryGetValue<string>(out var theirs) ? theirs : null;
        return Sids.IsValid(callSid) ? callSid : null;
    }

    private static string? Text(JsonObject arguments, string name) =>
        arguments[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static async Task<(JsonObject? Request, string Raw, ProblemHttpResult? Problem)> ReadAsync(HttpContext http, int maxBytes)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            return (null, "", TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, type: ApiProblems.PayloadTooLarge, title: "Payload too large"));
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var buffer = new char[maxBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), http.RequestAborted);
        if (read > maxBytes)
        {
            return (null, "", TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, type: ApiProblems.PayloadTooLarge, title: "Payload too large"));
        }

        var raw = new string(buffer, 0, read);
        try
        {
            if (JsonNode.Parse(raw) is JsonObject request && request["function"] is JsonValue name && name.TryGetValue<string>(out _))
            {
                return (request, raw, null);
            }
        }
        catch (JsonException)
        {
            // Falls through to the problem below.
        }

        return (null, raw, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.Validation, title: "Malformed SWAIG request",
            detail: "The body must be a JSON object with a string 'function'."));
    }

    private static ContentHttpResult Json(string body) => TypedResults.Content(body, SwmlDocuments.ContentType);
}
