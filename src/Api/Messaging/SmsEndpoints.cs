using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Receptionist.Api.SignalWire;
using Receptionist.Api.Auth;
using Receptionist.Api.Webhooks;
using Receptionist.Grains;
using Receptionist.Grains.Messaging;

namespace Receptionist.Api.Messaging;

public static class SmsEndpoints
{
    public static IEndpointRouteBuilder MapSms(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/signalwire").WithTags("SMS");
        group.MapPost("/sms/send", SendAsync).RequirePermission(Permissions.SmsCreate);
        group.MapGet("/sms", ListAsync).RequirePermission(Permissions.SmsRead);
        return routes;
    }

    /// <summary>
    /// 201 with the message as recorded; 403 for a From the tenant does not own; 409 for a recipient who opted out
    /// (SignalWire is not called for either); SignalWire's failures throw, and SignalWireExceptionHandler maps them.
    /// </summary>
    private static async Task<Results<Created<SmsResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(
        SmsSendRequest request, ClaimsPrincipal user, IGrainFactory grains, HttpRequest http, CallbackUrls callbacks)
    {
        if (request.Validate().Problem() is { } invalid)
        {
            return invalid;
        }

        var sender = grains.GetGrain<IMessageSenderGrain>(GrainKeys.Tenant(user.GetTenantId()));
        var result = await sender.Send(new SendSmsCommand
        {
            From = request.From!,
            To = request.To!,
            Body = string.IsNullOrEmpty(request.Body) ? null : request.Body,
            MediaUrls = request.MediaUrls ?? [],
            StatusCallback = callbacks.For(http, CallbackUrls.SmsStatusPath),
        });
        return result switch
        {
            { Outcome: SendSmsOutcome.Sent, Message: { } message } => TypedResults.Created((string?)null, SmsResponse.Of(message)),
            { Outcome: SendSmsOutcome.NumberNotOwned } => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: ApiProblems.Forbidden,
                title: "Not your number", detail: $"{request.From} is not one of this tenant's numbers."),
            { Outcome: SendSmsOutcome.RecipientOptedOut } => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ApiProblems.OptedOut,
                title: "Recipient opted out", detail: $"{request.To} has opted out of this tenant's messages (replied STOP); they can opt back in by texting START."),
            _ => throw new InvalidOperationException($"Unexpected send result {result}."),
        };
    }

    private static async Task<Results<Ok<SmsListResponse>, ValidationProblem>> ListAsync(
        [AsParameters] SmsListRequest request, ClaimsPrincipal user, IMessageLog messageLog, CancellationToken cancellationToken)
    {
        var (query, check) = request.ToQuery(user.GetTenantId());
        if (query is null)
        {
            return check.Problem()!;
        }

        var page = await messageLog.QueryAsync(query, cancellationToken);
        return TypedResults.Ok(new SmsListResponse(
            [.. page.Messages.Select(SmsSummaryResponse.Of)],
            page.Next is null ? null : SmsListRequest.EncodeCursor(page.Next)));
    }
}
