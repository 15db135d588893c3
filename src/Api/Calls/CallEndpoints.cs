using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Receptionist.Api.Auth;
using Receptionist.Api.Validation;
using Receptionist.Grains;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Reports;

namespace Receptionist.Api.Calls;

public static class CallEndpoints
{
    public static IServiceCollection AddCallsApi(this IServiceCollection services)
    {
        services.AddSingleton<CallFeedHub>();
        services.AddHostedService<CallFeedRenewal>();
        return services;
    }

    public static IEndpointRouteBuilder MapCalls(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/signalwire").WithTags("Calls");
        group.MapGet("/call/{callSid}", GetAsync).Produces<CallResponse>().RequirePermission(Permissions.CallsRead);
        group.MapGet("/calls", ListAsync).RequirePermission(Permissions.CallsRead);
        group.MapGet("/calls/stream", StreamAsync).RequirePermission(Permissions.CallsRead);
        return routes;
    }

    /// <summary>
    /// The live status read: from the call grain's memory (what it published on this silo when it is active here, else its
    /// answer to a grain call), with the call's report (summary, transcript, voicemail transcriptions) and the recordings
    /// its callbacks reported; another tenant's call is exactly as absent as a missing one. It never waits on SignalWire
    /// (clients poll this route while a call is live, and a REST round trip per poll would make every read as slow as
    /// SignalWire and spend its rate limit); the recordings route asks SignalWire for recordings whose callbacks never
    /// arrived. The report's grain is asked only when the call's grain does not know the call to have none.
    /// </summary>
    private static async Task<Results<GeneratedJsonResult<CallResponse>, ProblemHttpResult>> GetAsync(
        string callSid, ClaimsPrincipal user, IGrainFactory grains, IActiveCallReads activeReads)
    {
        var tenantId = user.GetTenantId();
        var read = Sids.IsValid(callSid) ? activeReads.Find(callSid) ?? await grains.GetGrain<ICallGrain>(GrainKeys.Call(callSid)).Read() : null;
        if (read is null || read.Details.Summary.TenantId != tenantId)
        {
            return ApiProblems.CallNotFound(callSid);
        }

        // Most calls polled live have no report yet: their grain says so, and the read is one grain call.
        var report = read.Report == CallReportPresence.None ? null : await grains.GetGrain<ICallReportGrain>(ICallReportGrain.Key(callSid)).Read(tenantId);
        return new GeneratedJsonResult<CallResponse>(CallResponse.Of(read.Details, report), CallJsonContext.Default.CallResponse);
    }

    private static async Task<Results<Ok<CallListResponse>, ValidationProblem>> ListAsync(
        [AsParameters] CallListRequest request, ClaimsPrincipal user, ICallLog callLog, CancellationToken cancellationToken)
    {
        var (query, errors) = request.ToQuery(user.GetTenantId());
        if (query is null)
        {
            return RequestValidator.ToProblem(errors);
        }

        var page = await callLog.QueryAsync(query, cancellationToken);
        return TypedResults.Ok(new CallListResponse(
            [.. page.Calls.Select(CallSummaryResponse.Of)],
            page.Next is null ? null : CallListRequest.EncodeCursor(page.Next)));
    }

    /// <summary>
    /// Server-Sent Events: first a <c>ready</c> event once the subscription is live, then a <c>call</c> event per change
    /// of any of the tenant's calls. Ends when the client leaves.
    /// </summary>
    private static async Task<ServerSentEventsResult<object>> StreamAsync(ClaimsPrincipal user, CallFeedHub hub, HttpContext http)
    {
        var tenantId = user.GetTenantId();
        var listener = await hub.ListenAsync(tenantId, http.RequestAborted);
        http.Response.RegisterForDisposeAsync(listener);
        return TypedResults.ServerSentEvents(EventsAsync(listener, tenantId, http.RequestAborted));
    }

    private static async IAsyncEnumerable<SseItem<object>> EventsAsync(
        CallFeedListener listener, string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using (listener)
        {
            yield return new SseItem<object>(new { status = "subscribed" }, "ready");
            while (await WaitAsync(listener.Reader, cancellationToken))
            {
                while (listener.Reader.TryRead(out var change))
                {
                    if (change.TenantId == tenantId)
                    {
                        yield return new SseItem<object>(CallSummaryResponse.Of(change), "call");
                    }
                }
            }
        }
    }

    /// <summary>False when the client has gone (or the feed ended): the stream then simply completes.</summary>
    private static async Task<bool> WaitAsync(System.Threading.Channels.ChannelReader<CallSummary> reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
