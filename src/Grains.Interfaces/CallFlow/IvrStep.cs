using System.Text.Json.Serialization;

namespace Receptionist.Grains.CallFlow;

/// <summary>
/// One thing that happened in a call's IVR. <see cref="Key"/> names the step's place in the call (its webhook's
/// position plus the kind), so a repeated webhook records nothing twice.
/// </summary>
[GenerateSerializer, Immutable, Alias("ivr-step")]
public sealed record IvrStep
{
    [Id(0)] public required string Key { get; init; }

    [Id(1)] public required IvrStepKind Kind { get; init; }

    [Id(2)] public required DateTimeOffset At { get; init; }

    /// <summary>The menu option (its digit) the step concerns.</summary>
    [Id(3)] public string? Option { get; init; }

    /// <summary>What the caller entered: digits pressed or words heard.</summary>
    [Id(4)] public string? Input { get; init; }

    /// <summary>Anything else worth showing: the number dialled, the dial result, a recording URL, a message SID.</summary>
    [Id(5)] public string? Detail { get; init; }
}

[GenerateSerializer, Alias("ivr-step-kind")]
[JsonConverter(typeof(CamelCaseEnumConverter<IvrStepKind>))]
public enum IvrStepKind
{
    /// <summary>The tenant's screening refused the caller at entry (<see cref="IvrStep.Detail"/>: why).</summary>
    Rejected,

    /// <summary>The tenant's screening sent the caller straight to voicemail (<see cref="IvrStep.Detail"/>: why).</summary>
    ScreenedToVoicemail,

    /// <summary>The caller heard the greeting and menu.</summary>
    Menu,

    /// <summary>The caller was outside business hours and heard the after-hours message.</summary>
    AfterHours,

    /// <summary>Digits or speech matched an option.</summary>
    Chose,

    /// <summary>Digits or speech matched nothing.</summary>
    NoMatch,

    /// <summary>The caller said and pressed nothing.</summary>
    NoInput,

    /// <summary>Retries ran out; the fallback follows.</summary>
    Fallback,

    /// <summary>The caller heard information.</summary>
    Information,

    /// <summary>A forward was dialled.</summary>
    Forwarding,

    /// <summary>The forward ended (<see cref="IvrStep.Detail"/>: the dial status).</summary>
    ForwardResult,

    /// <summary>The caller was asked to leave a voicemail.</summary>
    VoicemailPrompt,

    /// <summary>A voicemail was recorded.</summary>
    VoicemailRecorded,

    /// <summary>The caller asked for a text message; whether it was sent follows.</summary>
    SmsRequested,

    SmsSent,

    SmsFailed,

    /// <summary>The call went to the AI agent.</summary>
    AgentHandoff,

    /// <summary>The AI agent transferred the caller (<see cref="IvrStep.Detail"/>: the department).</summary>
    AgentTransfer,

    /// <summary>The AI agent took a message (<see cref="IvrStep.Detail"/>: the message).</summary>
    AgentMessage,

    /// <summary>The IVR ended the call.</summary>
    Goodbye,

    // New kinds go last: stored steps keep their kind by number.

    /// <summary>The caller heard the tenant's recording notice before being recorded (<see cref="IvrStep.Detail"/>: its words).</summary>
    RecordingNotice,

    /// <summary>The caller heard the tenant's AI disclosure before the AI agent spoke (<see cref="IvrStep.Detail"/>: its words).</summary>
    AiDisclosure,
}
