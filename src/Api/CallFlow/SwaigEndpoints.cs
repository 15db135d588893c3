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
            return AgentWebhook.Unauthorized("This function URL needs the credentials it was issued with.");
        }

        var (request, raw, problem) = await AgentWebhook.ReadAsync(http, options.Value.MaxBodyBytes, "Malformed SWAIG request");
        if (problem is not null)
        {
            return problem;
        }

        if (AgentWebhook.Text(request, "function") is not { } function)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.Validation, title: "Malformed SWAIG request",
                detail: "The body must be a JSON object with a string 'function'.");
        }

        if (!AgentFunctionCall.Names.Contains(function))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ApiProblems.NotFound, title: "Unknown function",
                detail: $"There is no SWAIG function {RequestValidator.Quote(function)}.");
        }

        if (AgentWebhook.CallSidOf(request!) is not { } callSid)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.Validation, title: "Malformed SWAIG request",
                detail: "The request must name its call (global_data.call_sid or call_id).");
        }

        var arguments = SwmlDocuments.Arguments(request!);
        var call = new AgentFunctionCall
        {
            Function = function,
            RequestKey = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..16],
            Department = AgentWebhook.Text(arguments, "department"),
            Message = AgentWebhook.Text(arguments, "message"),
            CallerName = AgentWebhook.Text(arguments, "name"),
            CallbackNumber = AgentWebhook.Text(arguments, "callback_number"),
        };
        var result = await grains.GetGrain<ICallGrain>(GrainKeys.Call(callSid)).RunAgentFunction(tenantId, call);
        return Json(result.ConnectTo is { } number
            ? SwmlDocuments.FunctionResult(result.Response, new JsonObject { ["say"] = result.Say }, SwmlDocuments.ConnectAction(number))
            : SwmlDocuments.FunctionResult(result.Response));
    }

    private static ContentHttpResult Json(string body) => TypedResults.Content(body, SwmlDocuments.ContentType);
}
