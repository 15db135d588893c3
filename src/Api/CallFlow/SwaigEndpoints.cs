using System.Globalization;
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
using Receptionist.Api.Webhooks;
using Receptionist.Grains;
using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// The AI agent's SWAIG functions (JSON POSTs from SignalWire): transfer to a department, take a message, check
/// business hours. Each tenant has its own credentials (<see cref="SwaigCredentials"/>); the call a request
/// names is touched only when it belongs to that tenant.
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
        HttpContext http, IGrainFactory grains, SwaigCredentials credentials, TimeProvider clock,
        IOptions<SignalWireWebhookOptions> options)
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

        var function = (string?)request!["function"];
        var arguments = SwmlDocuments.Arguments(request);
        var tenant = grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId));
        var call = await CallOfTenantAsync(grains, request, tenantId);
        var setup = await tenant.GetCallSetup(call?.Details.Ivr?.FlowVersion);
        var agent = setup.Flow.AiAgent;
        if (agent is null)
        {
            return Json(SwmlDocuments.FunctionResult("This business has no AI agent configured."));
        }

        var now = clock.GetUtcNow();
        var stepKey = $"ai:{function}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(raw)))[..16]}";
        switch (function)
        {
            case SwmlDocuments.Transfer:
                var wanted = Text(arguments, "department") ?? "";
                var department = agent.Departments.FirstOrDefault(d => string.Equals(d.Name, wanted.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? agent.Departments.FirstOrDefault(d => SpeechMatcher.Words(wanted).SequenceEqual(SpeechMatcher.Words(d.Name)));
                if (department is null)
                {
                    return Json(SwmlDocuments.FunctionResult(
                        $"There is no department called '{wanted}'. The departments are: {string.Join(", ", agent.Departments.Select(d => d.Name))}."));
                }

                await RecordAsync(call, new IvrStep { Key = stepKey, Kind = IvrStepKind.AgentTransfer, At = now, Detail = department.Name });
                return Json(SwmlDocuments.FunctionResult($"Transferring the caller to {department.Name}.",
                    new JsonObject { ["say"] = $"Transferring you to {department.Name}." },
                    SwmlDocuments.ConnectAction(department.Number)));

            case SwmlDocuments.TakeMessage:
                var message = Text(arguments, "message");
                if (string.IsNullOrWhiteSpace(message))
                {
                    return Json(SwmlDocuments.FunctionResult("Ask the caller for their message first."));
                }

                var from = string.Join(", ", new[] { Text(arguments, "name"), Text(arguments, "callback_number") }.Where(t => !string.IsNullOrWhiteSpace(t)));
                await RecordAsync(call, new IvrStep
                {
                    Key = stepKey, Kind = IvrStepKind.AgentMessage, At = now, Input = message,
                    Detail = from.Length == 0 ? null : from,
                });
                return Json(SwmlDocuments.FunctionResult("The message has been recorded; tell the caller the business will get back to them."));

            case SwmlDocuments.CheckBusinessHours:
                return Json(SwmlDocuments.FunctionResult(DescribeHours(setup.Hours, now)));

            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ApiProblems.NotFound, title: "Unknown function",
                    detail: $"There is no SWAIG function '{function}'.");
        }
    }

    /// <summary>The call named by our <c>global_data.call_sid</c> (or SignalWire's <c>call_id</c>), if it is this tenant's.</summary>
    private static async Task<(ICallGrain Grain, CallDetails Details)?> CallOfTenantAsync(IGrainFactory grains, JsonObject request, string tenantId)
    {
        var callSid = (request["global_data"] as JsonObject)?["call_sid"] is JsonValue sid && sid.TryGetValue<string>(out var ours)
            ? ours
            : request["call_id"] is JsonValue id && id.TryGetValue<string>(out var theirs) ? theirs : null;
        if (string.IsNullOrEmpty(callSid) || callSid.Length > 64)
        {
            return null;
        }

        var grain = grains.GetGrain<ICallGrain>(GrainKeys.Call(callSid));
        return await grain.GetDetails() is { } details && details.Summary.TenantId == tenantId ? (grain, details) : null;
    }

    private static async Task RecordAsync((ICallGrain Grain, CallDetails Details)? call, IvrStep step)
    {
        if (call is { } known)
        {
            await known.Grain.RecordIvrSteps([step]);
        }
    }

    private static string DescribeHours(BusinessHours? hours, DateTimeOffset now)
    {
        if (hours is null)
        {
            return "The business is open now; it has no set closing hours.";
        }

        var state = hours.IsOpen(now) ? "The business is open now." : "The business is closed now.";
        var week = hours.Week.Count == 0
            ? "It has no regular opening hours."
            : "Opening hours (" + hours.TimeZone + "): " + string.Join("; ", hours.Week.OrderBy(h => ((int)h.Day + 6) % 7).ThenBy(h => h.Opens)
                .Select(h => $"{h.Day} {h.Opens.ToString("HH:mm", CultureInfo.InvariantCulture)} to {h.Closes.ToString("HH:mm", CultureInfo.InvariantCulture)}")) + ".";
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZoneInfo.TryFindSystemTimeZoneById(hours.TimeZone, out var zone) ? zone : TimeZoneInfo.Utc).DateTime);
        var upcoming = hours.Holidays.Where(d => d >= today).Take(3).ToList();
        var holidays = upcoming.Count == 0 ? "" : " Closed on " + string.Join(", ", upcoming.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))) + ".";
        return $"{state} {week}{holidays}";
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
