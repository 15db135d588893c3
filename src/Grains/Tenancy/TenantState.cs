namespace Receptionist.Grains.Tenancy;

[GenerateSerializer, Alias("tenant-state")]
public sealed class TenantState
{
    [Id(0)] public TenantSettings Settings { get; set; } = new();

    /// <summary>E.164 numbers the tenant owns.</summary>
    [Id(1)] public List<string> Numbers { get; set; } = [];
}
