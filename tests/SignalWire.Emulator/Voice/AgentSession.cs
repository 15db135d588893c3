using System.Text.Json.Nodes;

namespace SignalWire.Emulator.Voice;

/// <summary>An SWML <c>ai</c> verb in progress: where its functions and post-prompt report go, and the conversation so far.</summary>
internal sealed class AgentSession
{
    public string SessionId { get; } = Guid.NewGuid().ToString();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public Uri? PostPromptUrl { get; init; }

    public string? PostPrompt { get; init; }

    public string? DefaultFunctionUrl { get; init; }

    /// <summary>Function name → its own web_hook_url (null: the default one).</summary>
    public Dictionary<string, string?> Functions { get; init; } = new(StringComparer.Ordinal);

    public JsonObject GlobalData { get; init; } = [];

    public string? Prompt { get; init; }

    /// <summary>The call log: <c>{role, content}</c> turns, system prompt first.</summary>
    public JsonArray CallLog { get; } = [];

    public JsonArray SwaigLog { get; } = [];

    /// <summary>What the emulated AI will report as its summary (default: the caller's words).</summary>
    public string? Summary { get; set; }
}
