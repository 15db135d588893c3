using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Tenancy;

[GenerateSerializer, Alias("tenant-state")]
public sealed class TenantState
{
    [Id(0)] public TenantSettings Settings { get; set; } = new();

    /// <summary>E.164 numbers the tenant owns.</summary>
    [Id(1)] public List<string> Numbers { get; set; } = [];

    /// <summary>The call flows of the most recent settings versions, oldest first, so calls in progress keep theirs.</summary>
    [Id(7)] public List<VersionedCallFlow> CallFlowHistory { get; set; } = [];
}
