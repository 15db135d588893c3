namespace Receptionist.Grains.Calls;

/// <summary>
/// The live status read's answer from the call's grain: the call as last made durable and what the grain knows of its
/// report, so a read asks the report's grain only when there may be one.
/// </summary>
[GenerateSerializer, Immutable, Alias("call-read")]
public sealed record CallRead(
    [property: Id(0)] CallDetails Details,
    [property: Id(1)] CallReportPresence Report);

/// <summary>Whether the call's report exists, as the call's grain knows it during this activation.</summary>
[GenerateSerializer, Alias("call-report-presence")]
public enum CallReportPresence
{
    /// <summary>Not known since the grain activated: ask the report's grain.</summary>
    Unknown,

    /// <summary>The report's grain had none when asked, and has stored none since.</summary>
    None,

    /// <summary>The report's grain has stored one: ask it.</summary>
    Present,
}
