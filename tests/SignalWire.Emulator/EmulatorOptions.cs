namespace SignalWire.Emulator;

/// <summary>The emulated project (section "Emulator" when run by hand). Defaults suit a local demo.</summary>
public sealed class EmulatorOptions
{
    public const string SectionName = "Emulator";

    /// <summary>The project id (AccountSid, Basic-auth user). SignalWire's are UUIDs.</summary>
    public string ProjectId { get; set; } = "5f0e6a8d-1b2c-4d3e-9f40-5a6b7c8d9e0f";

    /// <summary>The API token (Basic-auth password).</summary>
    public string Token { get; set; } = "PTemulator-token";

    /// <summary>The signing key every webhook and callback is signed with (X-SignalWire-Signature, X-Twilio-Signature).</summary>
    public string SigningKey { get; set; } = "PSK_emulator";

    /// <summary>Numbers the project owns at start, E.164.</summary>
    public List<string> OwnedNumbers { get; set; } = [];

    /// <summary>Pause between two steps of a call or message playout (queued, initiated, ringing, answered, ...).</summary>
    public int StepDelayMilliseconds { get; set; } = 250;

    /// <summary>Duration reported for an answered call that the test did not script otherwise.</summary>
    public int DefaultTalkSeconds { get; set; } = 30;

    /// <summary>How long the emulator waits for a webhook receiver, like SignalWire's 5 s read timeout.</summary>
    public int WebhookTimeoutMilliseconds { get; set; } = 5000;
}
