using System.Globalization;
using System.Text.Json.Nodes;
using Receptionist.Grains.Reports;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// Reads SignalWire's post-prompt report (<c>action: post_conversation</c>) into an <see cref="AgentConversation"/>:
/// the summary, the post-prompt's answer, the caller's and the agent's turns from <c>call_log</c> (the system prompt
/// and tool results left out), and the usage. Work is linear in the body; texts and turns are cut to
/// <see cref="CallReportLimits"/>.
/// </summary>
internal static class PostPromptReport
{
    public const string PostConversation = "post_conversation";

    public static AgentConversation Parse(JsonObject report, DateTimeOffset receivedAt)
    {
        var postPrompt = report["post_prompt_data"] as JsonObject;
        var parsed = postPrompt?["parsed"] switch
        {
            JsonArray { Count: > 0 } list => list.ToJsonString(),
            JsonObject one => one.ToJsonString(),
            _ => null,
        };
        var (turns, omitted) = Turns(report["call_log"] as JsonArray);
        return new AgentConversation
        {
            SessionId = CallReportLimits.Cut(AgentWebhook.Text(report, "ai_session_id"), 128),
            Summary = CallReportLimits.Cut(AgentWebhook.Text(report, "conversation_summary"), CallReportLimits.MaxSummaryChars),
            PostPromptRaw = CallReportLimits.Cut(AgentWebhook.Text(postPrompt, "raw") ?? AgentWebhook.Text(postPrompt, "substituted"), CallReportLimits.MaxPostPromptChars),
            PostPromptParsed = parsed is { Length: <= CallReportLimits.MaxPostPromptChars } ? parsed : null,
            Transcript = turns,
            OmittedTurns = omitted,
            EndedBy = CallReportLimits.Cut(AgentWebhook.Text(report, "call_ended_by"), 64),
            StartedAt = Time(report["call_answer_date"]) ?? Time(report["call_start_date"]),
            EndedAt = Time(report["call_end_date"]),
            ReceivedAt = receivedAt,
            Usage = new AgentUsage
            {
                Minutes = Number(report["total_minutes"]),
                InputTokens = (long?)Number(report["total_input_tokens"]),
                OutputTokens = (long?)Number(report["total_output_tokens"]),
                TtsCharacters = (long?)Number(report["total_tts_chars"]),
                AsrMinutes = Number(report["total_asr_minutes"]),
            },
        };
    }

    private static (List<TranscriptTurn> Turns, int Omitted) Turns(JsonArray? log)
    {
        var turns = new List<TranscriptTurn>();
        var omitted = 0;
        foreach (var entry in (log ?? []).OfType<JsonObject>())
        {
            var role = AgentWebhook.Text(entry, "role") switch
            {
                "user" => "caller",
                "assistant" => "agent",
                _ => null,
            };
            if (role is null || AgentWebhook.Text(entry, "content") is not { Length: > 0 } text)
            {
                continue;
            }

            if (turns.Count == CallReportLimits.MaxTurns)
            {
                omitted++;
                continue;
            }

            turns.Add(new TranscriptTurn(role, CallReportLimits.Cut(text, CallReportLimits.MaxTurnChars)!, Time(entry["timestamp"]) ?? Time(entry["start_timestamp"])));
        }

        return (turns, omitted);
    }

    private static decimal? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<decimal>(out var number) => number >= 0 && number < 1e18m ? number : null,
        JsonValue v when v.TryGetValue<string>(out var text)
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed >= 0 && parsed < 1e18m ? parsed : null,
        _ => null,
    };

    /// <summary>SignalWire's epoch times are microseconds; milliseconds and seconds are read too.</summary>
    private static DateTimeOffset? Time(JsonNode? node)
    {
        if (Number(node) is not { } epoch || epoch <= 0)
        {
            return null;
        }

        var milliseconds = epoch switch
        {
            > 1e14m => epoch / 1000m,
            > 1e11m => epoch,
            _ => epoch * 1000m,
        };
        return milliseconds < 253_402_300_799_000m ? DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds) : null;
    }
}
