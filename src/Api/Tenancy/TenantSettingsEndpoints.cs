using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Receptionist.Api.Auth;
using Receptionist.Api.Validation;
using Receptionist.Grains;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.Tenancy;

/// <summary>
/// The tenant's settings: <c>GET</c>, <c>PUT</c> (full replacement: what the body leaves out takes its default, so a
/// PUT without <c>callFlow</c> removes the flow) and <c>PATCH</c> (JSON merge patch, RFC 7396: only what the body names
/// changes). Both writes validate the whole result the same way.
/// </summary>
public static class TenantSettingsEndpoints
{
    /// <summary>Concurrent changes to other fields are re-merged this many times before the PATCH gives up with 409.</summary>
    private const int PatchAttempts = 5;

    /// <summary>A From is a number or a SIP URI: longer is not a caller.</summary>
    private const int MaxCallerLength = 256;

    public static IEndpointRouteBuilder MapTenantSettings(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tenant/settings").WithTags("Tenant");
        group.MapGet("/", GetAsync).RequirePermission(Permissions.SettingsRead);
        group.MapPut("/", PutAsync).RequirePermission(Permissions.SettingsWrite)
            .WithSummary("Replaces the settings")
            .WithDescription("Full replacement: fields left out take their defaults (leaving out `callFlow` removes the call flow). Use PATCH to change some fields only.")
            .AddOpenApiOperationTransformer((operation, _, _) => Example(operation, "application/json", SettingsExamples.Put));
        group.MapPatch("/", PatchAsync).RequirePermission(Permissions.SettingsWrite)
            .Accepts<JsonObject>(JsonMergePatch.ContentType)
            .Produces<TenantSettings>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Changes some settings (JSON merge patch)")
            .WithDescription("RFC 7396 JSON merge patch over the current settings: members named change, `null` removes a member (back to its default), arrays are replaced whole. The result is validated as a PUT body would be.")
            .AddOpenApiOperationTransformer((operation, _, _) => Example(operation, JsonMergePatch.ContentType, SettingsExamples.Patch));
        routes.MapGet("/api/tenant/caller-screening", ScreenAsync).WithTags("Tenant").RequirePermission(Permissions.SettingsRead)
            .WithSummary("What happens to a call from this number")
            .WithDescription("The tenant's decision for an incoming caller under its current block list and withheld-number setting: `allow`, `reject` (refused unanswered, never texted) or `voicemail`, with the reason (`listed`, `blocked` with the entry that matched, or `withheld`). Leave `from` out (or send `anonymous`) for a caller who withholds their number.");
        return routes;
    }

    private static async Task<Ok<TenantSettings>> GetAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(user.GetTenantId())).GetSettings());

    private static async Task<Results<Ok<CallerVerdict>, ValidationProblem>> ScreenAsync(string? from, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (new RequestValidator().MaxLength("from", from, MaxCallerLength).Problem() is { } invalid)
        {
            return invalid;
        }

        return TypedResults.Ok(await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(user.GetTenantId())).ScreenCaller(from));
    }

    private static async Task<Results<Ok<TenantSettings>, ValidationProblem>> PutAsync(
        TenantSettingsRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request.Validate().Problem() is { } invalid)
        {
            return invalid;
        }

        var tenant = grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(user.GetTenantId()));
        return TypedResults.Ok(await tenant.UpdateSettings(request.ToSettings()));
    }

    private static async Task<Results<Ok<TenantSettings>, ValidationProblem, ProblemHttpResult>> PatchAsync(
        HttpContext http, ClaimsPrincipal user, IGrainFactory grains, IOptions<JsonOptions> json)
    {
        if (!string.Equals(http.Request.ContentType?.Split(';')[0].Trim(), JsonMergePatch.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, type: ApiProblems.UnsupportedMediaType,
                title: "Unsupported media type", detail: $"A settings patch is a JSON merge patch: Content-Type {JsonMergePatch.ContentType}.");
        }

        JsonNode? patch;
        try
        {
            patch = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.MalformedBody, title: "Malformed body", detail: e.Message);
        }

        if (patch is not JsonObject)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.MalformedBody, title: "Malformed body",
                detail: "A settings patch is a JSON object.");
        }

        var options = json.Value.SerializerOptions;
        var tenant = grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(user.GetTenantId()));
        for (var attempt = 0; attempt < PatchAttempts; attempt++)
        {
            var current = await tenant.GetSettings();
            var merged = JsonMergePatch.Apply(JsonSerializer.SerializeToNode(current, options), patch);
            TenantSettingsRequest? request;
            try
            {
                request = merged.Deserialize<TenantSettingsRequest>(options);
            }
            catch (JsonException e)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.MalformedBody, title: "Malformed body",
                    detail: $"The patched settings are not valid settings: {e.Message}");
            }

            if (request!.Validate().Problem() is { } invalid)
            {
                return invalid;
            }

            if (await tenant.UpdateSettingsIf(current.Version, request.ToSettings()) is { } updated)
            {
                return TypedResults.Ok(updated);
            }
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ApiProblems.Conflict, title: "Conflict",
            detail: "The settings kept changing while this patch was applied; send it again.");
    }

    private static Task Example(OpenApiOperation operation, string contentType, string example)
    {
        if (operation.RequestBody?.Content is { } content && content.TryGetValue(contentType, out var media) && media is OpenApiMediaType type)
        {
            type.Example = JsonNode.Parse(example);
        }

        return Task.CompletedTask;
    }
}
