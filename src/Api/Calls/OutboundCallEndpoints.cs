using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Receptionist.Api.Auth;
using Receptionist.Api.SignalWire;
using Receptionist.Api.Validation;
using Receptionist.Grains;
using Receptionist.Grains.Calls;

namespace Receptionist.Api.Calls;

/// <summary>Calls the tenant places and steers through SignalWire, and their recordings.</summary>
public static class OutboundCallEndpoints
{
    public static IEndpointRouteBuilder MapOutboundCalls(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/signalwire").WithTags("Calls");
        group.MapPost("/call/outbound", PlaceAsync).RequirePermission(Permissions.CallsCreate);
        group.MapPatch("/call/{callSid}", UpdateAsync).RequirePermission(Permissions.CallsCreate);
        group.MapGet("/recordings/{callSid}", RecordingsAsync).RequirePermission(Permissions.RecordingsRead);
        return routes;
    }

    /// <summary>201 with the call as recorded when SignalWire accepted it; its progress then shows at its live status route.</summary>
    private static async Task<Results<Created<CallResponse>, ValidationProblem, ProblemHttpResult>> PlaceAsync(
        OutboundCallRequest body, ClaimsPrincipal user, IGrainFactory grains, CallbackUrls callbacks, HttpRequest http)
    {
        if (body.Validate().Problem() is { } invalid)
        {
            return invalid;
        }

        var tenantId = user.GetTenantId();
        var result = await grains.GetGrain<ICallControlGrain>(GrainKeys.Tenant(tenantId)).Place(new PlaceCallRequest
        {
            To = body.To!,
            From = body.From!,
            Url = body.Url ?? callbacks.For(http, CallbackUrls.VoiceEntryPath),
            StatusCallback = callbacks.For(http, CallbackUrls.CallStatusPath),
            RecordingStatusCallback = callbacks.For(http, CallbackUrls.RecordingPath),
            Record = body.Record,
            MachineDetection = body.MachineDetection,
            TimeoutSeconds = body.TimeoutSeconds,
        });
        if (result.Outcome == PlaceCallOutcome.FromNotOwned || result.Call is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, type: ApiProblems.Forbidden, title: "Forbidden",
                detail: $"{body.From} is not one of your numbers; calls can only be placed from them.");
        }

        return TypedResults.Created($"{http.PathBase}/api/signalwire/call/{Uri.EscapeDataString(result.Call.Summary.CallSid)}", CallResponse.Of(result.Call));
    }

    private static async Task<Results<Ok<CallResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string callSid, CallUpdateRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (body.Validate().Problem() is { } invalid)
        {
            return invalid;
        }

        var call = Sids.IsValid(callSid)
            ? await grains.GetGrain<ICallControlGrain>(GrainKeys.Tenant(user.GetTenantId())).Update(callSid, new CallChange(body.Status, body.Url))
            : null;
        return call is null ? ApiProblems.CallNotFound(callSid) : TypedResults.Ok(CallResponse.Of(call));
    }

    private static async Task<Results<Ok<CallRecordingsResponse>, ProblemHttpResult>> RecordingsAsync(string callSid, ClaimsPrincipal user, IGrainFactory grains)
    {
        var recordings = Sids.IsValid(callSid)
            ? await grains.GetGrain<ICallControlGrain>(GrainKeys.Tenant(user.GetTenantId())).GetRecordings(callSid)
            : null;
        return recordings is null
            ? ApiProblems.CallNotFound(callSid)
            : TypedResults.Ok(new CallRecordingsResponse(callSid, [.. recordings.Select(CallRecordingResponse.Of)]));
    }

}

/// <summary>A call's recordings; <c>url</c> serves the audio.</summary>
public sealed record CallRecordingsResponse(string CallSid, IReadOnlyList<CallRecordingResponse> Recordings);
