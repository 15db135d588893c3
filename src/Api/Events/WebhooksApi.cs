using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Receptionist.Api.Auth;
using Receptionist.Api.Validation;
using Receptionist.Grains;
using Receptionist.Grains.Events;

namespace Receptionist.Api.Events;

/// <summary>
/// The tenant's webhook endpoints (where its events are delivered, signed as Standard Webhooks say), their secrets and
/// their delivery logs. Managing them is a settings change (<c>settings:write</c>); reading them, a settings read.
/// </summary>
public static class WebhooksApi
{
    public const string Path = "/api/webhooks/endpoints";

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Path).WithTags("Webhooks");
        group.MapPost("/", CreateAsync).RequirePermission(Permissions.SettingsWrite)
            .WithSummary("Registers an endpoint")
            .WithDescription($"Events of the chosen types ({string.Join(", ", WebhookEventTypes.All)}) are POSTed to the https URL, signed with the endpoint's secret (Standard Webhooks). The secret is in this answer only.");
        group.MapGet("/", ListAsync).RequirePermission(Permissions.SettingsRead);
        group.MapGet("/{endpointId}", GetAsync).RequirePermission(Permissions.SettingsRead);
        group.MapPut("/{endpointId}", UpdateAsync).RequirePermission(Permissions.SettingsWrite)
            .WithSummary("Replaces an endpoint's URL, event types and state")
            .WithDescription("Disabling holds the endpoint's pending deliveries; enabling sends them (those older than the retry window are parked after one attempt).");
        group.MapDelete("/{endpointId}", DeleteAsync).RequirePermission(Permissions.SettingsWrite);
        group.MapPost("/{endpointId}/rotate-secret", RotateSecretAsync).RequirePermission(Permissions.SettingsWrite)
            .WithSummary("Replaces the endpoint's signing secret")
            .WithDescription("Every delivery from now on, retries included, is signed with the new secret, which is in this answer only.");
        group.MapGet("/{endpointId}/deliveries", DeliveriesAsync).RequirePermission(Permissions.SettingsRead)
            .WithSummary("The endpoint's delivery log, newest first");
        group.MapPost("/{endpointId}/deliveries/{deliveryId}/replay", ReplayAsync).RequirePermission(Permissions.SettingsWrite)
            .WithSummary("Sends a delivery again")
            .WithDescription("Same webhook-id (receivers deduplicate by it), a fresh retry window; for parked deliveries, or to have one processed again.");
        return routes;
    }

    private static async Task<Results<Created<WebhookEndpointCreatedResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        WebhookEndpointRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<WebhookOptions> options)
    {
        if (request.Validate(options.Value.AllowLoopbackHttp).Problem() is { } invalid)
        {
            return invalid;
        }

        var created = await Endpoints(grains, user).Create(request.ToSpec());
        return created is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ApiProblems.Conflict, title: "Too many endpoints",
                detail: $"A tenant has at most {IWebhookEndpointsGrain.MaxEndpoints} webhook endpoints; delete one first.")
            : TypedResults.Created($"{Path}/{created.Endpoint.Id}", WebhookEndpointCreatedResponse.Of(created));
    }

    private static async Task<Ok<WebhookEndpointListResponse>> ListAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(new WebhookEndpointListResponse([.. (await Endpoints(grains, user).List()).Select(WebhookEndpointResponse.Of)]));

    private static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> GetAsync(string endpointId, ClaimsPrincipal user, IGrainFactory grains) =>
        await Endpoints(grains, user).Get(endpointId) is { } endpoint ? TypedResults.Ok(WebhookEndpointResponse.Of(endpoint)) : NotFound(endpointId);

    private static async Task<Results<Ok<WebhookEndpointResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string endpointId, WebhookEndpointRequest request, ClaimsPrincipal user, IGrainFactory grains, IOptions<WebhookOptions> options)
    {
        if (request.Validate(options.Value.AllowLoopbackHttp).Problem() is { } invalid)
        {
            return invalid;
        }

        return await Endpoints(grains, user).Update(endpointId, request.ToSpec()) is { } endpoint
            ? TypedResults.Ok(WebhookEndpointResponse.Of(endpoint))
            : NotFound(endpointId);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string endpointId, ClaimsPrincipal user, IGrainFactory grains) =>
        await Endpoints(grains, user).Delete(endpointId) ? TypedResults.NoContent() : NotFound(endpointId);

    private static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> RotateSecretAsync(string endpointId, ClaimsPrincipal user, IGrainFactory grains) =>
        await Endpoints(grains, user).RotateSecret(endpointId) is { } rotated
            ? TypedResults.Ok(new WebhookSecretResponse(rotated.Endpoint.Id, rotated.Secret))
            : NotFound(endpointId);

    private static async Task<Results<Ok<WebhookDeliveryListResponse>, ValidationProblem, ProblemHttpResult>> DeliveriesAsync(
        string endpointId, [AsParameters] WebhookDeliveryListRequest request, ClaimsPrincipal user, IGrainFactory grains, IWebhookDeliveryLog log,
        CancellationToken cancellationToken)
    {
        var (query, check) = request.ToQuery(user.GetTenantId(), endpointId);
        if (query is null)
        {
            return check.Problem()!;
        }

        if (await Endpoints(grains, user).Get(endpointId) is null)
        {
            return NotFound(endpointId);
        }

        var page = await log.QueryAsync(query, cancellationToken);
        return TypedResults.Ok(new WebhookDeliveryListResponse(
            [.. page.Deliveries.Select(WebhookDeliveryResponse.Of)],
            page.HasMore ? WebhookDeliveryListRequest.EncodeCursor(page.Deliveries[^1]) : null));
    }

    private static async Task<Results<Accepted<WebhookDeliveryResponse>, ProblemHttpResult>> ReplayAsync(
        string endpointId, string deliveryId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var dispatcher = grains.GetGrain<IWebhookDispatcherGrain>(GrainKeys.Tenant(user.GetTenantId()));
        return await dispatcher.Replay(endpointId, deliveryId) is { } delivery
            ? TypedResults.Accepted((string?)null, WebhookDeliveryResponse.Of(delivery))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ApiProblems.NotFound, title: "Not found",
                detail: $"Endpoint {RequestValidator.Quote(endpointId)} has no delivery {RequestValidator.Quote(deliveryId)}.");
    }

    private static IWebhookEndpointsGrain Endpoints(IGrainFactory grains, ClaimsPrincipal user) =>
        grains.GetGrain<IWebhookEndpointsGrain>(GrainKeys.Tenant(user.GetTenantId()));

    private static ProblemHttpResult NotFound(string endpointId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ApiProblems.NotFound, title: "Not found",
            detail: $"There is no webhook endpoint {RequestValidator.Quote(endpointId)}.");
}
