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

    /// <summary>Records that the tenant owns this number (idempotent; called by the number's grain).</summary>
    [Alias("add-number")]
    Task AddNumber(string phoneNumber);

    [Alias("get-numbers")]
    Task<IReadOnlyList<string>> GetNumbers();
}
