using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Receptionist.Api.SignalWire;
using Receptionist.Api.Webhooks;
using Receptionist.Grains;
using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// The tenant's IVR over SignalWire's voice webhooks: the answer to an inbound call (<see cref="AnswerAsync"/>,
/// called by <c>/api/mcp/ivr/entry</c>) and every later step (<c>/api/mcp/ivr/event</c>).
/// </summary>
public static partial class IvrEndpoints
{
    public static IServiceCollection AddCallFlow(this IServiceCollection services)
    {
        services.AddSingleton<SwaigCredentials>();
        return services;
    }

    public static IEndpointRouteBuilder MapCallFlow(this IEndpointRouteBuilder routes)
    {
        routes.MapSignalWireWebhooks().MapPost(IvrUrls.EventPath, EventAsync);
        routes.MapSwaigFunctions();
        return routes;
    }

    /// <summary>
    /// The answer to a call the tenant's number received: the AI agent (SWML) when it answers every call, else the
    /// greeting and menu in hours, the after-hours message (and voicemail) outside them. Null: the tenant has no call flow.
    /// </summary>
    public static async Task<ContentHttpResult?> AnswerAsync(HttpContext http, IGrainFactory grains, string tenantId, string callSid)
    {
        var tenant = grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId));
        var current = await tenant.GetCallFlow(null);
        if (current is null)
        {
            return null;
        }

        var call = grains.GetGrain<ICallGrain>(GrainKeys.Call(callSid));
        var version = await call.BeginIvr(current.Version);
        var flow = version == current.Version ? current.Flow : (await tenant.GetCallFlow(version))?.Flow ?? current.Flow;
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var urls = Urls(http);
        if (flow.AiAgent is { AnswerAllCalls: true } agent)
        {
            await call.RecordIvrSteps([new IvrStep { Key = "entry:agent", Kind = IvrStepKind.AgentHandoff, At = now, Detail = "answered by the AI agent" }]);
            var settings = await tenant.GetSettings();
            var functions = urls.Swaig(tenantId, http.RequestServices.GetRequiredService<SwaigCredentials>().SecretFor(tenantId));
            return TypedResults.Content(SwmlDocuments.Agent(settings.BusinessName, flow, agent, callSid, functions), SwmlDocuments.ContentType);
        }

        var open = flow.BusinessHours?.IsOpen(now) ?? true;
        var decision = IvrEngine.Enter(flow, open, now);
        await call.RecordIvrSteps(decision.Steps);
        return Cxml(IvrCxml.Render(flow, decision.Next, urls));
    }

    private static async Task<Results<ContentHttpResult, ValidationProblem>> EventAsync(
        HttpContext http, IGrainFactory grains, TimeProvider clock, ILoggerFactory loggers)
    {
        var form = http.Request.Form;
        var callSid = form["CallSid"].ToString().Trim();
        var position = IvrPosition.Parse(http.Request.Query);
        var errors = new Dictionary<string, string[]>();
        if (!Sid().IsMatch(callSid))
        {
            errors["CallSid"] = [callSid.Length == 0 ? "Required." : "Not a valid SID."];
        }

        if (position is null)
        {
            errors["stage"] = ["The query must name the IVR position (stage, turn, attempt) our own action URL carries."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, type: ApiProblems.Validation, title: "Malformed webhook");
        }

        var call = grains.GetGrain<ICallGrain>(GrainKeys.Call(callSid));
        var details = await call.GetDetails();
        var flow = details?.Ivr?.FlowVersion is { } version
            ? await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(details.Summary.TenantId)).GetCallFlow(version)
            : null;
        if (details is null || flow is null)
        {
            loggers.CreateLogger(typeof(IvrEndpoints)).LogWarning("IVR event for call {CallSid}, which never entered an IVR: ended", callSid);
            return Cxml(IvrCxml.Render(new CallFlowSettings(), new EndCall(IvrEngine.Goodbye), Urls(http)));
        }

        var now = clock.GetUtcNow();
        var decision = IvrEngine.Next(flow.Flow, position!, IvrInput.From(form), now);
        var steps = decision.Steps;
        var next = decision.Next;
        if (next is TextCaller text)
        {
            // Requested is durable before the text goes out, so a failure in between still shows what the caller asked for.
            await call.RecordIvrSteps(steps);
            var result = await grains.GetGrain<ICallerTextGrain>(ICallerTextGrain.Key(callSid, $"{text.Turn}-{text.Option}"))
                .Send(new CallerText(details.Summary.From ?? "", details.Summary.To ?? "", text.Action.Message ?? "",
                    details.Summary.TenantId, http.RequestServices.GetRequiredService<CallbackUrls>().For(http.Request, CallbackUrls.SmsStatusPath)));
            (steps, next) = IvrEngine.AfterText(position!, text, result.Sent, result.MessageSid ?? result.Detail, now);
        }

        await call.RecordIvrSteps(steps);
        return Cxml(IvrCxml.Render(flow.Flow, next, Urls(http)));
    }

    private static IvrUrls Urls(HttpContext http) =>
        new(http.RequestServices.GetRequiredService<CallbackUrls>().Base(http.Request));

    private static ContentHttpResult Cxml(string document) => TypedResults.Content(document, "application/xml");

    [GeneratedRegex("^[A-Za-z0-9-]{1,64}$")]
    private static partial Regex Sid();
}
