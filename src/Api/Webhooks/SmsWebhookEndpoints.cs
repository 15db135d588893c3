using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Receptionist.Grains;
using Receptionist.Grains.Messaging;

namespace Receptionist.Api.Webhooks;

/// <summary>SignalWire's messaging webhooks: each is parsed, applied to the message's grain, and acknowledged once durable.</summary>
public static class SmsWebhookEndpoints
{
    public const string InboundPath = "/api/signalwire/webhook/sms";
    public const string StatusPath = "/api/signalwire/webhook/sms-status";

    public static IEndpointRouteBuilder MapSmsWebhooks(this IEndpointRouteBuilder routes)
    {
        // Every route here is idempotent (events are folded in by SID and sequence), so a run lost with a dead silo is retried.
        var webhooks = routes.MapSignalWireWebhooks();
        webhooks.AddEndpointFilter<ClusterRetryFilter>();
        webhooks.MapPost(InboundPath, InboundAsync);
        webhooks.MapPost(StatusPath, StatusAsync);
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
            return TypedResults.ValidationProblem(errors, type: ApiProblems.Validation, title: "Malformed webhook");
        }

        var outcome = await grains.GetGrain<IMessageGrain>(GrainKeys.Message(message.MessageSid)).Receive(message);
        return TypedResults.Content(SmsReplies.For(outcome.Reply), "application/xml");
    }

    private static async Task<Results<NoContent, ValidationProblem>> StatusAsync(HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var (update, errors) = SmsWebhookParser.ParseStatus(http.Request.Form, clock.GetUtcNow());
        if (update is null)
        {
            return TypedResults.ValidationProblem(errors, type: ApiProblems.Validation, title: "Malformed webhook");
        }

        // Every result other than "accepted" wrote nothing, and SignalWire's retry would change nothing either: 2xx.
        await grains.GetGrain<IMessageGrain>(GrainKeys.Message(update.MessageSid)).ApplyStatus(update);
        return TypedResults.NoContent();
    }
}
