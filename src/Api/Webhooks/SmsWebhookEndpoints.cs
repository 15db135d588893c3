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
    /// Answers with the auto-reply as cXML, or an empty <c>&lt;Response/&gt;</c> (unknown number, opted-out sender, no
    /// reply configured, or a repeat delivery, which must not text the sender twice).
    /// </summary>
    private static async Task<Results<ContentHttpResult, ValidationProblem>> InboundAsync(HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var (message, errors) = SmsWebhookParser.ParseInbound(http.Request.Form, clock.GetUtcNow());
        if (message is null)
        {
            return RequestValidator.ToProblem(errors, "Malformed webhook");
        }

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
