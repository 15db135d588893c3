using System.Text.Json;
using System.Text.Json.Serialization;

namespace Receptionist.Grains.CallFlow;

/// <summary>What a menu option (or the fallback) does; which fields matter depends on <see cref="Kind"/>.</summary>
[GenerateSerializer, Immutable, Alias("menu-action")]
public sealed record MenuAction
{
    [Id(0)] public required MenuActionKind Kind { get; init; }

    /// <summary><see cref="MenuActionKind.Forward"/>: the E.164 number to ring.</summary>
    [Id(1)] public string? Number { get; init; }

    /// <summary><see cref="MenuActionKind.Forward"/>: the caller ID shown to the callee (a number the tenant owns); null: the caller's.</summary>
    [Id(2)] public string? CallerId { get; init; }

    /// <summary><see cref="MenuActionKind.Forward"/>: seconds to ring before giving up.</summary>
    [Id(3)] public int RingTimeoutSeconds { get; init; } = 20;

    /// <summary><see cref="MenuActionKind.Forward"/>: nobody answered, busy or failed → the caller may leave a voicemail.</summary>
    [Id(4)] public bool VoicemailOnNoAnswer { get; init; } = true;

    /// <summary>
    /// Said to the caller: the information (<see cref="MenuActionKind.Say"/>), the voicemail prompt, the words before a
    /// transfer, or the text message's body (<see cref="MenuActionKind.Sms"/>).
    /// </summary>
    [Id(5)] public string? Message { get; init; }

    /// <summary><see cref="MenuActionKind.Voicemail"/> (and voicemail after no answer): the longest recording, in seconds.</summary>
    [Id(6)] public int MaxRecordingSeconds { get; init; } = 120;
}

[GenerateSerializer, Alias("menu-action-kind")]
[JsonConverter(typeof(CamelCaseEnumConverter<MenuActionKind>))]
public enum MenuActionKind
{
    /// <summary>Ring a number; on no answer, voicemail if enabled.</summary>
    Forward,

    /// <summary>Record a message.</summary>
    Voicemail,

    /// <summary>Text the caller a link or information, then back to the menu.</summary>
    Sms,

    /// <summary>Say information, then back to the menu.</summary>
    Say,

    /// <summary>Hand the call to the tenant's AI agent.</summary>
    Agent,
}

/// <summary>Enum values as camelCase strings in JSON (<c>"forward"</c>), the API's spelling.</summary>
public sealed class CamelCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where T : struct, Enum;
