using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Receptionist.Api.Auth;
using Receptionist.Api.SignalWire;
using Receptionist.Grains;
using Receptionist.Grains.Numbers;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.Numbers;

/// <summary>The tenant's phone numbers: list them, search numbers for sale, buy or claim one.</summary>
public static class PhoneNumberEndpoints
{
    public static IEndpointRouteBuilder MapPhoneNumbers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/signalwire/phone-numbers").WithTags("Phone numbers");
        group.MapGet("/", ListAsync).RequirePermission(Permissions.PhoneNumbersRead);
        group.MapGet("/available", AvailableAsync).RequirePermission(Permissions.PhoneNumbersRead);
        group.MapPost("/", AcquireAsync).RequirePermission(Permissions.PhoneNumbersCreate);
        return routes;
    }

    /// <summary>From the grains alone: the list answers even while SignalWire is unreachable.</summary>
    private static async Task<Ok<PhoneNumberListResponse>> ListAsync(ClaimsPrincipal user, IGrainFactory grains)
    {
        var tenantId = user.GetTenantId();
        var numbers = await grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).GetNumbers();
        var described = await Task.WhenAll(numbers.Select(n => grains.GetGrain<IPhoneNumberGrain>(GrainKeys.PhoneNumber(n)).Describe(tenantId)));
        return TypedResults.Ok(new PhoneNumberListResponse([.. described.OfType<PhoneNumberInfo>().OrderBy(n => n.PhoneNumber, StringComparer.Ordinal).Select(PhoneNumberResponse.Of)]));
    }

    private static async Task<Results<Ok<AvailableNumberListResponse>, ValidationProblem>> AvailableAsync(
        [AsParameters] AvailableNumbersRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (request.Validate().Problem() is { } invalid)
        {
            return invalid;
        }

        var offers = await grains.GetGrain<INumberCatalogGrain>(GrainKeys.Tenant(user.GetTenantId())).Search(request.ToSearch());
        return TypedResults.Ok(new AvailableNumberListResponse(
            [.. offers.Select(o => new AvailableNumberResponse(o.PhoneNumber, o.FriendlyName, o.Region, o.RateCenter, o.IsoCountry, o.Capabilities))]));
    }

    /// <summary>201 when the number became the tenant's now, 200 when it already was; 409 when another tenant's.</summary>
    private static async Task<Results<Created<AcquiredNumberResponse>, Ok<AcquiredNumberResponse>, ValidationProblem, ProblemHttpResult>> AcquireAsync(
        AcquireNumberRequest body, ClaimsPrincipal user, IGrainFactory grains, CallbackUrls callbacks, HttpRequest http)
    {
        if (body.Validate().Problem() is { } invalid)
        {
            return invalid;
        }

        var tenantId = user.GetTenantId();
        var webhooks = new NumberWebhookUrls(
            callbacks.For(http, CallbackUrls.VoiceEntryPath),
            callbacks.For(http, CallbackUrls.CallStatusPath),
            callbacks.For(http, CallbackUrls.SmsPath));
        var acquired = body.PhoneNumber is { } phoneNumber
            ? await grains.GetGrain<IPhoneNumberGrain>(GrainKeys.PhoneNumber(phoneNumber)).Acquire(tenantId, webhooks, allowClaim: true)
            : await grains.GetGrain<INumberCatalogGrain>(GrainKeys.Tenant(tenantId)).AcquireFirstAvailable(body.AreaCode!, webhooks);

        switch (acquired)
        {
            case { Outcome: NumberAcquisitionOutcome.OwnedByAnotherTenant }:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: ApiProblems.Conflict, title: "Conflict",
                    detail: $"{body.PhoneNumber} belongs to another account.");
            case { Outcome: NumberAcquisitionOutcome.NoneAvailable } or { Number: null }:
                return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, type: ApiProblems.NotFound, title: "Not found",
                    detail: $"No phone number is available to buy in area code {body.AreaCode}.");
            case { Outcome: NumberAcquisitionOutcome.AlreadyOwned }:
                return TypedResults.Ok(new AcquiredNumberResponse("already-owned", PhoneNumberResponse.Of(acquired.Number)));
            default:
                var outcome = acquired.Outcome == NumberAcquisitionOutcome.Claimed ? "claimed" : "bought";
                return TypedResults.Created($"{http.PathBase}/api/signalwire/phone-numbers", new AcquiredNumberResponse(outcome, PhoneNumberResponse.Of(acquired.Number)));
        }
    }
}
