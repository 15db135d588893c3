using Orleans.Concurrency;
using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Tenancy;

/// <summary>One tenant (business): its settings and numbers. Key: <see cref="GrainKeys.Tenant"/>. Analytics: <see cref="Analytics.ITenantAnalyticsGrain"/>.</summary>
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
    /// What a call runs: the call flow of settings version <paramref name="version"/> while it is among the recent
    /// ones, else (or when null) the current one, or the default flow when the tenant has saved none; with the
    /// business's name and hours as they are now.
    /// </summary>
    [Alias("get-call-setup"), ReadOnly]
    Task<CallSetup> GetCallSetup(int? version);

    /// <summary>
    /// Whether a call from <paramref name="from"/> (SignalWire's <c>From</c>) is answered, refused unanswered, or sent
    /// straight to voicemail, under the tenant's current block list and withheld-number setting. A call asks once, on
    /// its first inbound event; a refused caller is never texted (no missed-call text, no IVR text).
    /// </summary>
    [Alias("screen-caller"), ReadOnly]
    Task<CallerVerdict> ScreenCaller(string? from);

    /// <summary>
    /// A new call's entry: <see cref="GetCallSetup"/> of the current version and <see cref="ScreenCaller"/> of
    /// <paramref name="from"/>, answered together (one grain call on every inbound call's first webhook).
    /// </summary>
    [Alias("enter-call"), ReadOnly]
    Task<CallEntry> EnterCall(string? from);
}
