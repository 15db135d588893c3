namespace Receptionist.Grains.Tenancy;

/// <summary>One tenant (business): its settings. Key: <see cref="GrainKeys.Tenant"/>.</summary>
[Alias("tenant")]
public interface ITenantGrain : IGrainWithStringKey
{
    [Alias("get-settings")]
    Task<TenantSettings> GetSettings();

    /// <summary>Replaces the settings; returns them with their new version.</summary>
    [Alias("update-settings")]
    Task<TenantSettings> UpdateSettings(TenantSettings settings);
}
