namespace Receptionist.Grains.Numbers;

/// <summary>One phone number (key: <see cref="GrainKeys.PhoneNumber"/>): which tenant owns it, so webhooks find their tenant.</summary>
[Alias("phone-number")]
public interface IPhoneNumberGrain : IGrainWithStringKey
{
    /// <summary>The owner, or null when no tenant owns this number.</summary>
    [Alias("get-owner")]
    Task<PhoneNumberOwner?> GetOwner();

    /// <summary>
    /// Gives the number to a tenant (after it was bought or claimed). Idempotent for the same tenant; a number that
    /// belongs to another tenant is never taken over silently.
    /// </summary>
    [Alias("assign")]
    Task<NumberAssignmentResult> Assign(string tenantId, string numberSid);

    /// <summary>
    /// Makes the number the tenant's on SignalWire and here: claims it when the project already owns it (only with
    /// <paramref name="allowClaim"/>), buys it otherwise, points its webhooks at <paramref name="webhooks"/>, then
    /// assigns it. A number another tenant owns is left untouched. SignalWire's failures throw <c>SignalWireException</c>
    /// and assign nothing.
    /// </summary>
    [Alias("acquire")]
    Task<NumberAcquisition> Acquire(string tenantId, NumberWebhookUrls webhooks, bool allowClaim);

    /// <summary>The number as the tenant sees it, or null when it is not the tenant's.</summary>
    [Alias("describe")]
    Task<PhoneNumberInfo?> Describe(string tenantId);
}
