namespace Receptionist.Grains.Messaging;

[GenerateSerializer, Alias("opt-out-state")]
public sealed class OptOutState
{
    [Id(0)] public bool OptedOut { get; set; }

    /// <summary>The last change, for the record (which keyword, in which message, when).</summary>
    [Id(1)] public OptOutChange? LastChange { get; set; }
}
