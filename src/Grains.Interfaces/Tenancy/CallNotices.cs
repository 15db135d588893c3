namespace Receptionist.Grains.Tenancy;

/// <summary>Notices a caller hears: before the call is recorded, and before the AI agent speaks.</summary>
[GenerateSerializer, Immutable, Alias("call-notices")]
public sealed record CallNotices
{
    public const string DefaultRecordingMessage = "This call may be recorded.";
    public const string DefaultAiDisclosureMessage = "You are speaking with an automated AI assistant.";

    /// <summary>Said before anything the caller says is recorded (a voicemail, a recorded call).</summary>
    [Id(0)] public CallNotice Recording { get; init; } = new() { Message = DefaultRecordingMessage };

    /// <summary>Said before the AI agent's first words.</summary>
    [Id(1)] public CallNotice AiDisclosure { get; init; } = new() { Message = DefaultAiDisclosureMessage };
}

/// <summary>One notice: whether it is played, and its words.</summary>
[GenerateSerializer, Immutable, Alias("call-notice")]
public sealed record CallNotice
{
    [Id(0)] public bool Enabled { get; init; }

    [Id(1)] public string Message { get; init; } = "";

    /// <summary>The words to play, or null when the notice is off.</summary>
    public string? ToPlay => Enabled && !string.IsNullOrWhiteSpace(Message) ? Message : null;
}
