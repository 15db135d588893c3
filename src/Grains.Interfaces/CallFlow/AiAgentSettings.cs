using System.Text.Json.Serialization;

namespace Receptionist.Grains.CallFlow;

/// <summary>
/// SignalWire's AI agent (SWML <c>ai</c>) with functions served by this backend: transfer to a department, take a
/// message, check business hours.
/// </summary>
[GenerateSerializer, Immutable, Alias("ai-agent-settings")]
public sealed record AiAgentSettings
{
    /// <summary>Every call is answered by the agent instead of the menu.</summary>
    [Id(0)] public bool AnswerAllCalls { get; init; }

    /// <summary>The agent's instructions (system prompt).</summary>
    [Id(1)] public string Prompt { get; init; } = "";

    /// <summary>The agent's TTS voice; null: the flow's voice.</summary>
    [Id(2)] public string? Voice { get; init; }

    [Id(3)] public IReadOnlyList<Department> Departments { get; init; } = [];

    /// <summary>
    /// A number (E.164) SignalWire routes to the agent (a SWML handler configured in SignalWire): a menu option of kind
    /// <see cref="MenuActionKind.Agent"/> dials it, since cXML cannot switch a call to SWML itself.
    /// </summary>
    [Id(4)] public string? HandoffNumber { get; init; }

    /// <summary>
    /// The notices played before the agent speaks, as on <see cref="CallFlowSettings.Notices"/> (the agent answers with
    /// no flow around it): filled in by the tenant grain in each call's setup, never saved with the agent.
    /// </summary>
    [Id(5), JsonIgnore] public Tenancy.CallNotices? Notices { get; init; }
}

/// <summary>A place the agent can transfer a caller to.</summary>
[GenerateSerializer, Immutable, Alias("department")]
public sealed record Department(
    [property: Id(0)] string Name,
    [property: Id(1)] string Number);

/// <summary>
/// What one call runs (see <see cref="Tenancy.ITenantGrain.GetCallSetup"/>); <see cref="Flow"/> is the default flow when
/// <see cref="IsDefault"/>. With it, what the call needs of the tenant's current settings later on: the time zone its
/// analytics count in and whether missed calls are texted back, so that the call asks the tenant nothing more.
/// </summary>
[GenerateSerializer, Immutable, Alias("call-setup")]
public sealed record CallSetup(
    [property: Id(0)] int FlowVersion,
    [property: Id(1)] CallFlowSettings Flow,
    [property: Id(2)] bool IsDefault,
    [property: Id(3)] string BusinessName,
    [property: Id(4)] Tenancy.BusinessHours? Hours,
    [property: Id(5)] string TimeZone = "UTC",
    [property: Id(6)] bool TextsBackMissedCalls = false);

/// <summary>A call flow as it was at one settings version: calls keep the version they started with.</summary>
[GenerateSerializer, Immutable, Alias("versioned-call-flow")]
public sealed record VersionedCallFlow(
    [property: Id(0)] int Version,
    [property: Id(1)] CallFlowSettings Flow);
