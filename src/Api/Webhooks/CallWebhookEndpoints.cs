using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Receptionist.Api.CallFlow;
using Receptionist.Api.Observability;
using Receptionist.Api.SignalWire;
using Receptionist.Api.Validation;
using Receptionist.Grains;
using Receptionist.Grains.Calls;

namespace Receptionist.Api.Webhooks;

/// <summary>SignalWire's call webhooks: each is parsed, applied to the call's grain (one call), and acknowledged once durable.</summary>
public static class CallWebhookEndpoints
{
    public static IEndpointRouteBuilder MapCallWebhooks(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapSignalWireWebhooks();
        webhooks.MapPost(CallbackUrls.VoiceEntryPath, EntryAsync).WithMetadata(SwmlFetch.Accepted.Instance);
        webhooks.MapPost(CallbackUrls.IvrLogPath, (HttpContext http, IGrainFactory grains, TimeProvider clock) => ApplyAsync(http, grains, clock, CallEventKind.Status));
        webhooks.MapPost(CallbackUrls.CallStatusPath, (HttpContext http, IGrainFactory grains, TimeProvider clock) => ApplyAsync(http, grains, clock, CallEventKind.Status));
        webhooks.MapPost(CallbackUrls.RecordingPath, (HttpContext http, IGrainFactory grains, TimeProvider clock) => ApplyAsync(http, grains, clock, CallEventKind.Recording));
        return routes;
    }

    private static async Task<Results<NoContent, ValidationProblem>> ApplyAsync(HttpContext http, IGrainFactory grains, TimeProvider clock, CallEventKind kind)
    {
        var (callEvent, errors) = CallWebhookParser.Parse(http.Request.Form, kind, clock.GetUtcNow());
        if (callEvent is null)
        {
            return RequestValidator.ToProblem(errors, "Malformed webhook");
        }

        // Every result other than "accepted" wrote nothing, and SignalWire's retry would change nothing either: 2xx.
        var urls = http.RequestServices.GetRequiredService<CallbackUrls>();
        var outcome = await grains.GetGrain<ICallGrain>(GrainKeys.Call(callEvent.CallSid)).Apply(callEvent, urls.For(http.Request, CallbackUrls.SmsStatusPath));
        http.Report(outcome.Result, outcome.TenantId, callEvent.CallSid);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The voice request of a call (a cXML form, or a SWML fetch for a number routed to SWML): the call's grain answers
    /// it (the tenant's flow, the default one, or "not in service").
    /// </summary>
    private static async Task<Results<ContentHttpResult, ValidationProblem>> EntryAsync(HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var form = http.Features.Get<SwmlFetch>()?.AsVoiceRequest() ?? http.Request.Form;
        var (callEvent, errors) = CallWebhookParser.Parse(form, CallEventKind.VoiceRequest, clock.GetUtcNow());
        if (callEvent is null)
        {
            return RequestValidator.ToProblem(errors, "Malformed webhook");
        }

        var next = await grains.GetGrain<ICallGrain>(GrainKeys.Call(callEvent.CallSid)).Answer(callEvent);
        http.ReportAnswered(callEvent.CallSid);
        return IvrEndpoints.Render(http, next);
    }
}
