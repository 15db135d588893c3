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
}
