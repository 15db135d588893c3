using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Receptionist.Api.Observability;
using Receptionist.Api.SignalWire;
using Receptionist.Api.Validation;
using Receptionist.Grains;
using Receptionist.Grains.Messaging;

namespace Receptionist.Api.Webhooks;

/// <summary>SignalWire's messaging webhooks: each is parsed, applied to the message's grain, and acknowledged once durable.</summary>
public static class SmsWebhookEndpoints
{
    public static IEndpointRouteBuilder MapSmsWebhooks(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapSignalWireWebhooks();
        webhooks.MapPost(CallbackUrls.SmsPath, InboundAsync);
        webhooks.MapPost(CallbackUrls.SmsStatusPath, StatusAsync);
        return routes;
    }

    /// <summary>
    /// Answers with an empty <c>&lt;Response/&gt;</c>: the auto-reply, if any, was sent through the REST API with our
    /// status callback. Only when that was impossible (SignalWire not configured or refusing) is the reply in the cXML.
    /// </summary>
    private static async Task<Results<ContentHttpResult, ValidationProblem>> InboundAsync(HttpContext http, IGrainFactory grains, TimeProvider clock, CallbackUrls callbacks)
    {
        var (message, errors) = SmsWebhookParser.ParseInbound(http.Request.Form, clock.GetUtcNow());
        if (message is null)
        {
            return RequestValidator.ToProblem(errors, "Malformed webhook");
        }

        message = message with { ReplyStatusCallback = callbacks.For(http.Request, CallbackUrls.SmsStatusPath) };
        var outcome = await grains.GetGrain<IMessageGrain>(GrainKeys.Message(message.MessageSid)).Receive(message);
        http.Report(outcome.Result, outcome.TenantId, message.MessageSid);
        return TypedResults.Content(SmsReplies.For(outcome.Reply), "application/xml");
    }

    private static async Task<Results<NoContent, ValidationProblem>> StatusAsync(HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var (update, errors) = SmsWebhookParser.ParseStatus(http.Request.Form, clock.GetUtcNow());
        if (update is null)
        {
            return RequestValidator.ToProblem(errors, "Malformed webhook");
        }

        // Every result other than "accepted" wrote nothing, and SignalWire's retry would change nothing either: 2xx.
        var outcome = await grains.GetGrain<IMessageGrain>(GrainKeys.Message(update.MessageSid)).ApplyStatus(update);
        http.Report(outcome.Result, outcome.TenantId, update.MessageSid);
        return TypedResults.NoContent();
    }
}
