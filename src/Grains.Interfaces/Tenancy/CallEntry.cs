using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Tenancy;

/// <summary>What a new inbound call learns of its tenant in one call: its setup and the verdict on its caller.</summary>
[GenerateSerializer, Immutable, Alias("call-entry")]
public sealed record CallEntry(
    [property: Id(0)] CallSetup Setup,
    [property: Id(1)] CallerVerdict Verdict);
