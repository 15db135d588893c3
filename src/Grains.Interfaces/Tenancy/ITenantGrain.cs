using Receptionist.Grains.CallFlow;

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

    /// <summary>
    /// The call flow of settings version <paramref name="version"/> while it is among the recent ones, else (or when
    /// null) the current one; null when the tenant has no call flow.
    /// </summary>
    [Alias("get-call-flow")]
    Task<VersionedCallFlow?> GetCallFlow(int? version);
}
