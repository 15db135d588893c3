using System.Text.Json;

namespace Receptionist.Grains.Reports;

/// <summary>What the AI agent's post-call report says happened, in the few words a business counts.</summary>
public enum AgentOutcome
{
    /// <summary>The agent answered the caller; nothing is left to do.</summary>
    Resolved,

    Transferred,

    MessageTaken,

    /// <summary>The business must get back to the caller.</summary>
    FollowUp,

    /// <summary>The report names no outcome we recognise.</summary>
    Other,
}

/// <summary>
/// Reads the outcome of an AI post-call report: the <c>outcome</c> field when the agent answered the post-prompt in
/// JSON (<c>post_prompt_data.parsed</c>), else the words of its plain answer (our post-prompt asks for "answered,
/// transferred, message taken, or follow-up needed"). The strongest claim wins: a follow-up over a message, a message
/// over a transfer, a transfer over an answer. Bounded: the report's texts are capped when stored.
/// </summary>
public static class AgentOutcomes
{
    public static AgentOutcome Of(AgentConversation conversation)
    {
        var stated = Field(conversation.PostPromptParsed, "outcome") ?? conversation.PostPromptRaw ?? conversation.Summary;
        return Classify(stated);
    }

    public static AgentOutcome Classify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return AgentOutcome.Other;
        }

        var t = text.ToLowerInvariant().Replace('_', ' ').Replace('-', ' ');
        return t switch
        {
            _ when t.Contains("follow up", StringComparison.Ordinal) || t.Contains("followup", StringComparison.Ordinal) => AgentOutcome.FollowUp,
            _ when t.Contains("message taken", StringComparison.Ordinal) || t.Contains("took a message", StringComparison.Ordinal)
                || t.Contains("left a message", StringComparison.Ordinal) || t.Contains("message was taken", StringComparison.Ordinal) => AgentOutcome.MessageTaken,
            _ when t.Contains("transfer", StringComparison.Ordinal) => AgentOutcome.Transferred,
            _ when t.Contains("answered", StringComparison.Ordinal) || t.Contains("resolved", StringComparison.Ordinal) => AgentOutcome.Resolved,
            _ => AgentOutcome.Other,
        };
    }

    /// <summary>The column name of the outcome in JSON (and in the <c>call.summary.ready</c> event).</summary>
    public static string Name(this AgentOutcome outcome) => outcome switch
    {
        AgentOutcome.Resolved => "resolved",
        AgentOutcome.Transferred => "transferred",
        AgentOutcome.MessageTaken => "messageTaken",
        AgentOutcome.FollowUp => "followUp",
        _ => "other",
    };

    /// <summary>A string field of the parsed post-prompt answer (an object, or the first object of an array); null otherwise.</summary>
    public static string? Field(string? parsedJson, string name)
    {
        if (parsedJson is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(parsedJson);
            var root = document.RootElement;
            var target = root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 ? root[0] : root;
            return target.ValueKind == JsonValueKind.Object && target.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
