namespace Receptionist.Grains.Reports;

/// <summary>A call's report: the AI agent's conversation (null for a menu call) and its voicemails' transcriptions.</summary>
[GenerateSerializer, Immutable, Alias("call-report-value")]
public sealed record CallReport(
    [property: Id(0)] AgentConversation? Conversation,
    [property: Id(1)] IReadOnlyList<VoicemailTranscription> Voicemails);

/// <summary>
/// The AI agent's post-prompt report (SignalWire sends one per AI session): its summary, what the post-prompt
/// answered, the conversation as turns, and what the session used. Bounded by <see cref="CallReportLimits"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("agent-conversation")]
public sealed record AgentConversation
{
    [Id(0)] public string? SessionId { get; init; }

    /// <summary>SignalWire's <c>conversation_summary</c>, else the post-prompt's answer.</summary>
    [Id(1)] public string? Summary { get; init; }

    /// <summary>The post-prompt's answer as the AI wrote it (<c>post_prompt_data.raw</c>).</summary>
    [Id(2)] public string? PostPromptRaw { get; init; }

    /// <summary><c>post_prompt_data.parsed</c> as JSON text, when the AI answered in JSON.</summary>
    [Id(3)] public string? PostPromptParsed { get; init; }

    [Id(4)] public IReadOnlyList<TranscriptTurn> Transcript { get; init; } = [];

    /// <summary>Turns left out beyond <see cref="CallReportLimits.MaxTurns"/>.</summary>
    [Id(5)] public int OmittedTurns { get; init; }

    [Id(6)] public AgentUsage Usage { get; init; } = new();

    /// <summary>Who ended the session, as SignalWire says (<c>call_ended_by</c>).</summary>
    [Id(7)] public string? EndedBy { get; init; }

    [Id(8)] public DateTimeOffset? StartedAt { get; init; }

    [Id(9)] public DateTimeOffset? EndedAt { get; init; }

    [Id(10)] public DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>One turn of the conversation: <c>caller</c> or <c>agent</c>, what they said, and when (when SignalWire says).</summary>
[GenerateSerializer, Immutable, Alias("transcript-turn")]
public sealed record TranscriptTurn(
    [property: Id(0)] string Role,
    [property: Id(1)] string Text,
    [property: Id(2)] DateTimeOffset? At);

/// <summary>What the AI session used, as SignalWire reports it.</summary>
[GenerateSerializer, Immutable, Alias("agent-usage")]
public sealed record AgentUsage
{
    [Id(0)] public decimal? Minutes { get; init; }

    [Id(1)] public long? InputTokens { get; init; }

    [Id(2)] public long? OutputTokens { get; init; }

    [Id(3)] public long? TtsCharacters { get; init; }

    [Id(4)] public decimal? AsrMinutes { get; init; }
}

/// <summary>SignalWire's transcription of one voicemail recording (<c>completed</c> with its text, or <c>failed</c>).</summary>
[GenerateSerializer, Immutable, Alias("voicemail-transcription")]
public sealed record VoicemailTranscription(
    [property: Id(0)] string CallSid,
    [property: Id(1)] string RecordingSid,
    [property: Id(2)] string? TranscriptionSid,
    [property: Id(3)] string Status,
    [property: Id(4)] string? Text,
    [property: Id(5)] DateTimeOffset ReceivedAt);

/// <summary>The bounds of a report: everything beyond them is cut (texts) or left out (turns, voicemails), never refused.</summary>
public static class CallReportLimits
{
    public const int MaxTurns = 200;
    public const int MaxTurnChars = 2_000;
    public const int MaxSummaryChars = 4_000;
    public const int MaxPostPromptChars = 8_000;
    public const int MaxTranscriptionChars = 8_000;
    public const int MaxVoicemails = 10;

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters (never splitting a surrogate pair).</summary>
    public static string? Cut(string? text, int max)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }

        var end = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..end];
    }
}
