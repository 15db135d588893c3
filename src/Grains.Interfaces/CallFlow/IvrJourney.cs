using System.Text.Json.Serialization;

namespace Receptionist.Grains.CallFlow;

/// <summary>A call's way through its tenant's IVR: which flow version it runs, each step, and how it ended.</summary>
[GenerateSerializer, Immutable, Alias("ivr-journey")]
public sealed record IvrJourney(
    [property: Id(0)] int? FlowVersion,
    [property: Id(1)] IReadOnlyList<IvrStep> Steps,
    [property: Id(2)] IvrOutcome? Outcome);

/// <summary>How the IVR part of a call ended, for the call's details and analytics.</summary>
[GenerateSerializer, Alias("ivr-outcome")]
[JsonConverter(typeof(CamelCaseEnumConverter<IvrOutcome>))]
public enum IvrOutcome
{
    Transferred,
    Voicemail,
    SmsSent,
    Information,
    Agent,

    /// <summary>Screening refused the caller at entry.</summary>
    Rejected,

    /// <summary>The call ended without any of the above (hung up in the menu, silence, retries ran out).</summary>
    Abandoned,
}
