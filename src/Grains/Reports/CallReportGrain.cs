using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Receptionist.Grains.Analytics;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Events;
using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Reports;

/// <summary>
/// A stored report is also news: the write that keeps it carries, in the same transaction (<see cref="CommitCompanions"/>),
/// the <c>call.summary.ready</c> event for the tenant's endpoints and, for an AI report, the outcome's analytics
/// contribution; a repeated callback writes nothing, so it emits and counts nothing again.
/// </summary>
public sealed class CallReportGrain(
    [PersistentState(stateName: CallReportGrain.StateName, storageName: StorageNames.Default)] IPersistentState<CallReportState> state,
    CommitCompanions companions,
    EventOutbox outbox,
    ILogger<CallReportGrain> logger)
    : Grain, ICallReportGrain
{
    private const string StateName = "call-report";

    private string CallSid => GrainKeys.IdOf(this.GetPrimaryKeyString());

    async Task<CallReportWrite> ICallReportGrain.RecordConversation(string tenantId, AgentConversation conversation)
    {
        var call = await CallAsync();
        if (call is null || call.Summary.TenantId != tenantId)
        {
            logger.LogWarning("Refused an AI report for call {CallSid}: the call is not the reporting tenant's", CallSid);
            return CallReportWrite.NotTenants;
        }

        if (state.State.Conversation is not null)
        {
            await TellCallAsync();
            return CallReportWrite.Unchanged;
        }

        // Everything the write carries is prepared before the state changes in memory: a failed lookup leaves it as stored.
        var kept = Bounded(conversation);
        var outcome = AgentOutcomes.Of(kept);
        var rows = new List<ICommitCompanion>(2);
        rows.AddRange(await outbox.PrepareAsync(tenantId, WebhookEventTypes.CallSummaryReady, CallSid, kept.ReceivedAt,
            SummaryReadyEvent.OfConversation(call, kept, outcome)));
        rows.Add(await ContributionRows.ForAsync(OutcomeContribution(call.Summary, outcome), GrainFactory, companions.JoinsStateWrites));
        state.State.TenantId = tenantId;
        state.State.Conversation = kept;
        await WriteAsync(tenantId, rows);
        return CallReportWrite.Stored;
    }

    async Task<CallReportWrite> ICallReportGrain.RecordTranscription(VoicemailTranscription transcription)
    {
        var voicemails = state.State.Voicemails;
        var known = voicemails.FindIndex(v => v.RecordingSid == transcription.RecordingSid);

        // A failed transcription gives way to a completed one for the same recording; anything else is a repeat.
        if ((known >= 0 && !(voicemails[known].Status != "completed" && transcription.Status == "completed"))
            || (known < 0 && voicemails.Count >= CallReportLimits.MaxVoicemails))
        {
            await TellCallAsync();
            return CallReportWrite.Unchanged;
        }

        // The tenant is the call's; a transcription for a call not known yet is kept and judged when read (and, with no
        // tenant to tell, emits no event).
        var call = await CallAsync();
        var tenantId = state.State.TenantId ?? call?.Summary.TenantId;
        var kept = transcription with { Text = CallReportLimits.Cut(transcription.Text, CallReportLimits.MaxTranscriptionChars) };

        // A menu call's report is ready when a voicemail's text is: one event per recording, on its completed text only
        // (a failed transcription has nothing to summarise; voicemail.received already told of the recording).
        IReadOnlyList<ICommitCompanion> rows = [];
        if (call is not null && tenantId == call.Summary.TenantId && kept.Status == "completed")
        {
            rows = await outbox.PrepareAsync(call.Summary.TenantId, WebhookEventTypes.CallSummaryReady, $"{CallSid}/{kept.RecordingSid}", kept.ReceivedAt,
                SummaryReadyEvent.OfVoicemail(call, kept));
        }

        state.State.TenantId = tenantId;
        if (known >= 0)
        {
            voicemails[known] = kept;
        }
        else
        {
            voicemails.Add(kept);
        }

        await WriteAsync(tenantId, rows);
        return CallReportWrite.Stored;
    }

    /// <summary>The state with its companions, one commit; then the tenant's event delivery is woken.</summary>
    private async Task WriteAsync(string? tenantId, IReadOnlyList<ICommitCompanion> rows)
    {
        try
        {
            await companions.WriteStateAsync(state, this.GetGrainId(), StateName, rows);
        }
        catch
        {
            // Memory may now be ahead of storage: start over from what is durable.
            DeactivateOnIdle();
            throw;
        }

        if (tenantId is not null)
        {
            outbox.Notify(tenantId, rows);
        }

        await TellCallAsync();
    }

    /// <summary>
    /// Tells the call's grain that a report exists, so its live status reads ask for it. Also on a repeat: a notice lost
    /// after the write (the callback then failed, and SignalWire retries) is made good by the retry.
    /// </summary>
    private Task TellCallAsync() => HasReport ? Call.ReportStored() : Task.CompletedTask;

    private bool HasReport => state.State.Conversation is not null || state.State.Voicemails.Count > 0;

    private ICallGrain Call => GrainFactory.GetGrain<ICallGrain>(GrainKeys.Call(CallSid));

    /// <summary>
    /// The report's share of the tenant's analytics: one AI outcome, counted on the day the call started (where its
    /// other figures are), on the tenant's number it concerns. Reports are stored once, so its version never changes.
    /// </summary>
    private static AnalyticsContribution OutcomeContribution(CallSummary call, AgentOutcome outcome) => new()
    {
        Kind = ContributionKind.Report,
        Sid = call.CallSid,
        TenantId = call.TenantId,
        Version = 1,
        OccurredAt = call.CreatedAt,
        PhoneNumber = (call.Direction == "outbound" ? call.From : call.To) ?? "",
        Counts = new AnalyticsCounts
        {
            AiResolved = outcome == AgentOutcome.Resolved ? 1 : 0,
            AiTransferred = outcome == AgentOutcome.Transferred ? 1 : 0,
            AiMessageTaken = outcome == AgentOutcome.MessageTaken ? 1 : 0,
            AiFollowUp = outcome == AgentOutcome.FollowUp ? 1 : 0,
            AiOther = outcome == AgentOutcome.Other ? 1 : 0,
        },
    };

    async Task<CallReport?> ICallReportGrain.Read(string tenantId)
    {
        if (!HasReport)
        {
            await Call.ReportAbsent();
            return null;
        }

        return await ((ICallReportGrain)this).Get(tenantId);
    }

    async Task<CallReport?> ICallReportGrain.Get(string tenantId)
    {
        if (!HasReport)
        {
            return null;
        }

        var owner = state.State.TenantId ?? (await CallAsync())?.Summary.TenantId;
        return owner == tenantId ? new CallReport(state.State.Conversation, [.. state.State.Voicemails]) : null;
    }

    private Task<CallDetails?> CallAsync() => Call.GetDetails();

    /// <summary>The grain keeps the report's bounds whoever parsed it.</summary>
    private static AgentConversation Bounded(AgentConversation c) => c with
    {
        Summary = CallReportLimits.Cut(c.Summary, CallReportLimits.MaxSummaryChars),
        PostPromptRaw = CallReportLimits.Cut(c.PostPromptRaw, CallReportLimits.MaxPostPromptChars),
        PostPromptParsed = c.PostPromptParsed is { Length: > CallReportLimits.MaxPostPromptChars } ? null : c.PostPromptParsed,
        Transcript = [.. c.Transcript.Take(CallReportLimits.MaxTurns).Select(t => t with { Text = CallReportLimits.Cut(t.Text, CallReportLimits.MaxTurnChars)! })],
        OmittedTurns = c.OmittedTurns + Math.Max(0, c.Transcript.Count - CallReportLimits.MaxTurns),
    };
}

[GenerateSerializer, Alias("call-report-state")]
public sealed class CallReportState
{
    /// <summary>The call's tenant, once known.</summary>
    [Id(0)] public string? TenantId { get; set; }

    [Id(1)] public AgentConversation? Conversation { get; set; }

    [Id(2)] public List<VoicemailTranscription> Voicemails { get; set; } = [];
}
