using Receptionist.Grains.Analytics;
using Orleans.Concurrency;
using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Tenancy;

/// <summary>One tenant (business): its settings and its analytics. Key: <see cref="GrainKeys.Tenant"/>.</summary>
[Alias("tenant")]
public interface ITenantGrain : IGrainWithStringKey
{
    [Alias("get-settings"), ReadOnly]
    Task<TenantSettings> GetSettings();

    /// <summary>Replaces the settings; returns them with their new version.</summary>
    [Alias("update-settings")]
    Task<TenantSettings> UpdateSettings(TenantSettings settings);

    /// <summary>
    /// Replaces the settings only while they are still at <paramref name="expectedVersion"/>; returns them with their
    /// new version, or null when they changed meanwhile (read, merge and try again).
    /// </summary>
    [Alias("update-settings-if")]
    Task<TenantSettings?> UpdateSettingsIf(int expectedVersion, TenantSettings settings);

    /// <summary>Records that the tenant owns this number (idempotent; called by the number's grain).</summary>
    [Alias("add-number")]
    Task AddNumber(string phoneNumber);

    [Alias("get-numbers"), ReadOnly]
    Task<IReadOnlyList<string>> GetNumbers();

    /// <summary>
    /// Folds a batch of call/message contributions into the tenant's rollups (idempotent per SID and version);
    /// returns once they are durable.
    /// </summary>
    [Alias("apply-contributions")]
    Task ApplyContributions(IReadOnlyList<AnalyticsContribution> contributions);

    /// <summary>A report from the rollups (never from the calls themselves).</summary>
    [Alias("get-analytics")]
    Task<AnalyticsReport> GetAnalytics(AnalyticsQuery query);

    /// <summary>
    /// What a call runs: the call flow of settings version <paramref name="version"/> while it is among the recent
    /// ones, else (or when null) the current one, or the default flow when the tenant has saved none; with the
    /// business's name and hours as they are now.
    /// </summary>
    [Alias("get-call-setup"), ReadOnly]
    Task<CallSetup> GetCallSetup(int? version);
}
