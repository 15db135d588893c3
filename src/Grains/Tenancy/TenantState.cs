namespace Receptionist.Grains.Tenancy;

[GenerateSerializer, Alias("tenant-state")]
public sealed class TenantState
{
    [Id(0)] public TenantSettings Settings { get; set; } = new();
}
