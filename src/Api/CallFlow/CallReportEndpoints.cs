using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Receptionist.Api.Observability;
using Receptionist.Api.SignalWire;
using Receptionist.Api.Validation;
using Receptionist.Api.Webhooks;
using Receptionist.Grains.Reports;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// What SignalWire tells after a call, kept on the call's report: the AI agent's post-prompt report (JSON, with the
/// tenant's Basic credentials, like its functions) and a voicemail's transcription (a signed form webhook).
/// </summary>
public static class CallReportEndpoints
{
    public static IEndpointRouteBuilder MapCallReports(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(CallbackUrls.PostPromptPath, PostPromptAsync)
            .WithTags("SignalWire webhooks").AllowAnonymous().DisableRateLimiting().DisableAntiforgery().ExcludeFromDescription();
        routes.MapSignalWireWebhooks().MapPost(CallbackUrls.TranscriptionPath, TranscriptionAsync);
        return routes;
    }

    /// <summary>
    /// SignalWire sends this report once per AI session and ignores the answer, so a repeat answers 204 and changes
    /// nothing; a report for a call that is not the credentials' tenant's is 404 and changes nothing.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> PostPromptAsync(
        HttpContext http, IGrainFactory grains, SwaigCredentials credentials, IOptions<SignalWireWebhookOptions> options, TimeProvider clock)
    {
        if (credentials.TenantOf(http.Request) is not { } tenantId)
        {
            return AgentWebhook.Unauthorized("This report URL needs the credentials it was issued with.");
        }

        var (report, _, problem) = await AgentWebhook.ReadAsync(http, options.Value.MaxReportBodyBytes, "Malformed post-prompt report");
        if (problem is not null)
        {
            return problem;
        }

        if (AgentWebhook.Text(report, "action") is { } action && action != PostPromptReport.PostConversation)
        {
            return TypedResults.NoContent();
        }

        if (AgentWebhook.CallSidOf(report!) is not { } callSid)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, type: ApiProblems.Validation, title: "Malformed post-prompt report",
                detail: "The report must name its call (global_data.call_sid or call_id).");
        }

        var written = await grains.GetGrain<ICallReportGrain>(ICallReportGrain.Key(callSid))
            .RecordConversation(tenantId, PostPromptReport.Parse(report!, clock.GetUtcNow()));
        http.Report(written, tenantId, callSid);
        return written == CallReportWrite.NotTenants ? ApiProblems.CallNotFound(callSid) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> TranscriptionAsync(HttpContext http, IGrainFactory grains, TimeProvider clock)
    {
        var form = http.Request.Form;
        var (callSid, recordingSid) = (WebhookFields.Text(form, "CallSid"), WebhookFields.Text(form, "RecordingSid"));
        var transcriptionSid = WebhookFields.Text(form, "TranscriptionSid");
        var text = WebhookFields.Text(form, "TranscriptionText");
        var status = WebhookFields.Text(form, "TranscriptionStatus")?.ToLowerInvariant() ?? (text is null ? "failed" : "completed");
        var check = new RequestValidator()
            .Required("CallSid", callSid).Sid("CallSid", callSid)
            .Required("RecordingSid", recordingSid).Sid("RecordingSid", recordingSid)
            .Sid("TranscriptionSid", transcriptionSid)
            .OneOf("TranscriptionStatus", status, "completed", "failed");
        if (check.Problem("Malformed webhook") is { } invalid)
        {
            return invalid;
        }

        var transcription = new VoicemailTranscription(callSid!, recordingSid!, transcriptionSid, status,
            status == "completed" ? CallReportLimits.Cut(text, CallReportLimits.MaxTranscriptionChars) : null, clock.GetUtcNow());
        var written = await grains.GetGrain<ICallReportGrain>(ICallReportGrain.Key(callSid!)).RecordTranscription(transcription);
        http.Report(written, null, callSid);
        return TypedResults.NoContent();
    }
}
