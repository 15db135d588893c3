namespace Receptionist.Grains.CallFlow;

/// <summary>
/// What the caller gets next, decided by the call's grain: the HTTP layer only renders it (cXML, or SWML for the AI
/// agent), adding the absolute URLs of our own webhooks for the positions named here.
/// </summary>
[GenerateSerializer, Immutable, Alias("voice-instruction")]
public abstract record VoiceInstruction
{
    /// <summary>The TTS voice and language everything said is spoken in.</summary>
    [Id(0)] public required VoiceStyle Style { get; init; }
}

[GenerateSerializer, Immutable, Alias("voice-style")]
public sealed record VoiceStyle([property: Id(0)] string Voice, [property: Id(1)] string Language)
{
    public static VoiceStyle Default { get; } = new("woman", "en-US");
}

/// <summary>Says <see cref="Say"/> while listening for one key or speech; with no answer, the same position reports no input.</summary>
[GenerateSerializer, Immutable, Alias("voice-gather")]
public sealed record GatherInput : VoiceInstruction
{
    [Id(0)] public required IvrPosition At { get; init; }

    [Id(1)] public required string Say { get; init; }

    /// <summary>Phrases speech recognition should expect (the menu's keywords).</summary>
    [Id(2)] public IReadOnlyList<string> Hints { get; init; } = [];

    [Id(3)] public required int TimeoutSeconds { get; init; }
}

/// <summary>Says <see cref="Say"/> (when any), then rings <see cref="Number"/>; how it ended is reported at <see cref="After"/>.</summary>
[GenerateSerializer, Immutable, Alias("voice-dial")]
public sealed record DialNumber : VoiceInstruction
{
    [Id(0)] public required IvrPosition After { get; init; }

    [Id(1)] public string? Say { get; init; }

    [Id(2)] public required string Number { get; init; }

    /// <summary>The caller ID the callee sees; null: the caller's.</summary>
    [Id(3)] public string? CallerId { get; init; }

    /// <summary>Seconds to ring; null: SignalWire's default.</summary>
    [Id(4)] public int? TimeoutSeconds { get; init; }
}

/// <summary>Says <see cref="Say"/>, then records a message after a beep; the recording is reported at <see cref="After"/>.</summary>
[GenerateSerializer, Immutable, Alias("voice-record")]
public sealed record RecordMessage : VoiceInstruction
{
    [Id(0)] public required IvrPosition After { get; init; }

    [Id(1)] public required string Say { get; init; }

    [Id(2)] public required int MaxSeconds { get; init; }
}

/// <summary>Says <see cref="Say"/> (when any) and ends the call.</summary>
[GenerateSerializer, Immutable, Alias("voice-hang-up")]
public sealed record HangUp : VoiceInstruction
{
    [Id(0)] public string? Say { get; init; }
}

/// <summary>Refuses the call unanswered (cXML <c>&lt;Reject&gt;</c>): nothing rings, the caller hears it was not taken.</summary>
[GenerateSerializer, Immutable, Alias("voice-reject")]
public sealed record RejectCall : VoiceInstruction;

/// <summary>Answers with the tenant's AI agent, whose functions are this tenant's (the renderer adds their URL and credentials).</summary>
[GenerateSerializer, Immutable, Alias("voice-agent")]
public sealed record HandToAgent : VoiceInstruction
{
    [Id(0)] public required string TenantId { get; init; }

    [Id(1)] public required string CallSid { get; init; }

    [Id(2)] public required string BusinessName { get; init; }

    [Id(3)] public required AiAgentSettings Agent { get; init; }

    /// <summary>Said, in order, before the agent's first words: the AI disclosure and the recording notice, when the tenant plays them.</summary>
    [Id(4)] public IReadOnlyList<string> Notices { get; init; } = [];
}
