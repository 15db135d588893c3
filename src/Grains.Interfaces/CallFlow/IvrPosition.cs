namespace Receptionist.Grains.CallFlow;

/// <summary>
/// Where in the flow a webhook comes from; the action URLs we hand SignalWire carry it (SignalWire signs it with the
/// rest). <see cref="Turn"/> counts the prompts the call has had, so every step of the call has its own key.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr-position")]
public sealed record IvrPosition(
    [property: Id(0)] string Stage,
    [property: Id(1)] int Turn,
    [property: Id(2)] int Attempt,
    [property: Id(3)] string? Option)
{
    public const string Menu = "menu";
    public const string Dialed = "dialed";
    public const string Recorded = "recorded";

    /// <summary>The voicemail left after hours, as the fallback or in the default flow: not after a menu option.</summary>
    public const string NoOption = "none";

    public static readonly IReadOnlyList<string> Stages = [Menu, Dialed, Recorded];

    /// <summary>Where every call starts.</summary>
    public static IvrPosition Entry { get; } = new("entry", 0, 0, null);

    public string Key => $"{Turn}:{Stage}:{Attempt}:{Option}";
}

/// <summary>What the caller's webhook told us: keys pressed, words heard, how a forward ended, a recording.</summary>
[GenerateSerializer, Immutable, Alias("ivr-input")]
public sealed record IvrInput(
    [property: Id(0)] string? Digits,
    [property: Id(1)] string? Speech,
    [property: Id(2)] string? DialStatus,
    [property: Id(3)] string? RecordingUrl);
