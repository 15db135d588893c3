using System.Text.Json.Serialization;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.CallFlow;

/// <summary>
/// What a tenant's callers hear: the greeting and menu in hours, the after-hours message (and voicemail) outside
/// them, and optionally an AI agent that answers instead of the menu.
/// </summary>
[GenerateSerializer, Immutable, Alias("call-flow")]
public sealed record CallFlowSettings
{
    [Id(0)] public string Greeting { get; init; } = "";

    /// <summary>The menu prompt after the greeting, e.g. "For sales press 1 or say sales."</summary>
    [Id(1)] public string MenuPrompt { get; init; } = "";

    /// <summary>Said instead of the greeting when the caller's answer matched nothing.</summary>
    [Id(2)] public string Reprompt { get; init; } = "Sorry, I didn't get that.";

    /// <summary>A SignalWire TTS voice (<c>woman</c>, <c>man</c>, <c>Polly.Joanna</c>, …).</summary>
    [Id(3)] public string Voice { get; init; } = "woman";

    [Id(4)] public string Language { get; init; } = "en-US";

    /// <summary>
    /// Only in flows stored before business hours became the tenant's alone (<see cref="TenantSettings.BusinessHours"/>):
    /// the tenant grain moves them there when it reads them, so nothing else looks at this.
    /// </summary>
    [Id(5), JsonIgnore] public BusinessHours? BusinessHours { get; init; }

    [Id(6)] public string AfterHoursMessage { get; init; } = "We are closed right now.";

    /// <summary>After the after-hours message, the caller may leave a voicemail (else the call ends).</summary>
    [Id(7)] public bool AfterHoursVoicemail { get; init; } = true;

    [Id(8)] public IReadOnlyList<MenuOption> Options { get; init; } = [];

    /// <summary>How many times the menu is repeated after no or an unrecognised answer before the fallback.</summary>
    [Id(9)] public int MaxRetries { get; init; } = 2;

    /// <summary>What happens when retries run out; null: a goodbye and the call ends.</summary>
    [Id(10)] public MenuAction? Fallback { get; init; }

    /// <summary>Seconds the menu waits for an answer.</summary>
    [Id(11)] public int InputTimeoutSeconds { get; init; } = 5;

    [Id(12)] public AiAgentSettings? AiAgent { get; init; }

    /// <summary>Said before recording any voicemail that has no message of its own.</summary>
    [Id(13)] public string VoicemailPrompt { get; init; } = "Please leave a message after the tone.";

    /// <summary>
    /// The notices the call plays (<see cref="TenantSettings.Notices"/>, the tenant's current ones): filled in by the
    /// tenant grain in each call's setup, never part of the flow a tenant saves; null plays none.
    /// </summary>
    [Id(14), JsonIgnore] public CallNotices? Notices { get; init; }
}

/// <summary>One menu entry: a key to press and words to say, both leading to <see cref="Action"/>.</summary>
[GenerateSerializer, Immutable, Alias("menu-option")]
public sealed record MenuOption
{
    /// <summary>One DTMF key: 0-9, * or #.</summary>
    [Id(0)] public required string Digit { get; init; }

    /// <summary>Words or phrases that choose this option when spoken (case-insensitive).</summary>
    [Id(1)] public IReadOnlyList<string> Keywords { get; init; } = [];

    [Id(2)] public required MenuAction Action { get; init; }
}
