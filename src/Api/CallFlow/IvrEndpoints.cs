using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Receptionist.Api.SignalWire;
using Receptionist.Api.Validation;
using Receptionist.Api.Webhooks;
using Receptionist.Grains;
using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Calls;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// The IVR's later steps over SignalWire's voice webhooks (<see cref="CallbackUrls.IvrEventPath"/>, named by the action
/// URLs of our own cXML): parsed here, decided by the call's grain, rendered back as cXML or SWML.
/// </summary>
public static class IvrEndpoints
{
    public static IServiceCollection AddCallFlow(this IServiceCollection services)
    {
        services.AddSingleton<SwaigCredentials>();
        return services;
    }

    public static IEndpointRouteBuilder MapCallFlow(this IEndpointRouteBuilder routes)
    {
        routes.MapSignalWireWebhooks().MapPost(CallbackUrls.IvrEventPath, EventAsync);
        routes.MapSwaigFunctions();
        routes.MapCallReports();
        return routes;
    }

    /// <summary>
    /// Renders what the call's grain decided: the AI agent as SWML, a refusal as SWML when SignalWire fetched SWML,
    /// everything else as cXML.
    /// </summary>
    public static ContentHttpResult Render(HttpContext http, VoiceInstruction next)
    {
        var urls = http.RequestServices.GetRequiredService<CallbackUrls>();
        if (next is HandToAgent agent)
        {
            var secret = http.RequestServices.GetRequiredService<SwaigCredentials>().SecretFor(agent.TenantId);
            var document = SwmlDocuments.Agent(agent, urls.Swaig(http.Request, agent.TenantId, secret), urls.PostPrompt(http.Request, agent.TenantId, secret));
            return TypedResults.Content(document, SwmlDocuments.ContentType);
        }

        if (next is RejectCall && http.Features.Get<SwmlFetch>() is not null)
        {
            return TypedResults.Content(SwmlDocuments.Decline(), SwmlDocuments.ContentType);
        }

        return TypedResults.Content(IvrCxml.Render(next, urls, http.Request), IvrCxml.ContentType);
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> EventAsync(HttpContext http, IGrainFactory grains, CallbackUrls urls)
    {
        var form = http.Request.Form;
        var callSid = WebhookFields.Text(form, "CallSid");
        var position = CallbackUrls.PositionOf(http.Request.Query);
        var check = new RequestValidator()
            .Required("CallSid", callSid).Sid("CallSid", callSid)
            .Check(position is not null, "stage", "The query must name the IVR position (stage, turn, attempt) our own action URL carries.");
        if (check.Problem("Malformed webhook") is { } invalid)
        {
            return invalid;
        }

        var input = new IvrInput(WebhookFields.Text(form, "Digits"), WebhookFields.Text(form, "SpeechResult"),
            WebhookFields.Text(form, "DialCallStatus")?.ToLowerInvariant(), WebhookFields.Text(form, "RecordingUrl"));
        var next = await grains.GetGrain<ICallGrain>(GrainKeys.Call(callSid!)).Advance(position!, input, urls.For(http.Request, CallbackUrls.SmsStatusPath));
        return Render(http, next);
    }
}
