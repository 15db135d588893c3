using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receptionist.Api.SignalWire;
using Receptionist.Api.CallFlow;
using Receptionist.Grains;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.Webhooks;

/// <summary>SignalWire's call webhooks: each is parsed, applied to the call's grain, and acknowledged once durable.</summary>
public static class CallWebhookEndpoints
{
    public const string IvrEventPath = "/api/mcp/ivr/event";

    public static IEndpointRouteBuilder MapCallWebhooks(this IEndpointRouteBuilder routes)
    {
        // Every route here is idempotent (events are folded in by SID and sequence), so a run lost with a dead silo is retried.
        var webhooks = routes.MapSignalWireWebhooks();
        webhooks.AddEndpointFilter<ClusterRetryFilter>();
        webhooks.MapPost("/api/mcp/ivr/entry", EntryAsync);
        webhooks.MapPost("/api/mcp/ivr/log", (HttpContext http, IGrainFactory grains, TimeProvider clock) => ApplyAsync(http, grains, clock, CallEventKind.Status));
        webhooks.MapPost("/api/signalwire/webhook/call-status", (HttpContext http, IGrainFactory grains, TimeProvider clock) => ApplyAsync(http, grains, clock, CallEventKind.Status));
        webhooks.MapPost("/api/signalwire/webhook/recording", (HttpContext http, IGrainFactory grains, TimeProvider clock) => ApplyAsync(http, grains, clock, CallEventKind.Recording));
        return routes;
    }

    private static async Task<Results<NoContent, ValidationProblem>> ApplyAsync(HttpContext http, IGrainFactory grains, TimeProvider clock, CallEventKind kind)
    {
        var (callEvent, errors) = CallWebhookParser.Parse(http.Request.Form, kind, clock.GetUtcNow());
        if (callEvent is null)
        {
            return TypedResults.ValidationProblem(errors, type: ApiProblems.Validation, title: "Malformed webhook");
        }

        // Every result other than "accepted" wrote nothing, and SignalWire's retry would change nothing either: 2xx.
        await grains.GetGrain<ICallGrain>(GrainKeys.Call(callEvent.CallSid)).Apply(callEvent);
        return TypedResults.NoContent();
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> EntryAsync(
        HttpContext http, IGrainFactory grains, TimeProvider clock, CallbackUrls callbacks, ILoggerFactory loggers)
    {
        var (callEvent, errors) = CallWebhookParser.Parse(http.Request.Form, CallEventKind.VoiceRequest, clock.GetUtcNow());
        if (callEvent is null)
        {
            return TypedResults.ValidationProblem(errors, type: ApiProblems.Validation, title: "Malformed webhook");
        }

        var outcome = await grains.GetGrain<ICallGrain>(GrainKeys.Call(callEvent.CallSid)).Apply(callEvent);
        if (outcome.TenantId is null)
        {
            loggers.CreateLogger(typeof(CallWebhookEndpoints)).LogWarning(
                "Inbound call {CallSid} to {PhoneNumber}, which no tenant owns: answered as not in service", callEvent.CallSid, callEvent.To);
            return Cxml(IvrResponses.NotInService());
        }

        if (await IvrEndpoints.AnswerAsync(http, grains, outcome.TenantId, callEvent.CallSid) is { } ivr)
        {
            return ivr;
        }

        var settings = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(outcome.TenantId)).GetSettings();
        return Cxml(IvrResponses.Greeting(settings.BusinessName, new Uri(callbacks.For(http.Request, CallbackUrls.IvrEventPath))));
    }

    private static ContentHttpResult Cxml(string document) => TypedResults.Content(document, "application/xml");
}
