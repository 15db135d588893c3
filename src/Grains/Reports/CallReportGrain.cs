using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Receptionist.Grains.Calls;

namespace Receptionist.Grains.Reports;

public sealed class CallReportGrain(
    [PersistentState(stateName: "call-report", storageName: StorageNames.Default)] IPersistentState<CallReportState> state,
    ILogger<CallReportGrain> logger)
    : Grain, ICallReportGrain
{
    private string CallSid => GrainKeys.IdOf(this.GetPrimaryKeyString());

    async Task<CallReportWrite> ICallReportGrain.RecordConversation(string tenantId, AgentConversation conversation)
    {
        if (await TenantOfCallAsync() != tenantId)
        {
            logger.LogWarning("Refused an AI report for call {CallSid}: the call is not the reporting tenant's", CallSid);
            return CallReportWrite.NotTenants;
        }

        if (state.State.Conversation is not null)
        {
            return CallReportWrite.Unchanged;
        }

        state.State.TenantId = tenantId;
        state.State.Conversation = Bounded(conversation);
        await state.WriteStateAsync();
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
            return CallReportWrite.Unchanged;
        }

        // The tenant is the call's; a transcription for a call not known yet is kept and judged when read.
        state.State.TenantId ??= await TenantOfCallAsync();
        var kept = transcription with { Text = CallReportLimits.Cut(transcription.Text, CallReportLimits.MaxTranscriptionChars) };
        if (known >= 0)
        {
            voicemails[known] = kept;
        }
        else
        {
            voicemails.Add(kept);
        }

        await state.WriteStateAsync();
        return CallReportWrite.Stored;
    }

    async Task<CallReport?> ICallReportGrain.Get(string tenantId)
    {
        if (state.State.Conversation is null && state.State.Voicemails.Count == 0)
        {
            return null;
        }

        var owner = state.State.TenantId ?? await TenantOfCallAsync();
        return owner == tenantId ? new CallReport(state.State.Conversation, [.. state.State.Voicemails]) : null;
    }

    private async Task<string?> TenantOfCallAsync() =>
        (await GrainFactory.GetGrain<ICallGrain>(GrainKeys.Call(CallSid)).GetDetails())?.Summary.TenantId;

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
