using Orleans.Runtime;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.Numbers;

public sealed class PhoneNumberGrain(
    [PersistentState(stateName: "phone-number", storageName: StorageNames.Default)] IPersistentState<PhoneNumberState> state,
    TimeProvider clock)
    : Grain, IPhoneNumberGrain
{
    private string PhoneNumber => GrainKeys.IdOf(this.GetPrimaryKeyString());

    Task<PhoneNumberOwner?> IPhoneNumberGrain.GetOwner() => Task.FromResult(state.State.Owner);

    async Task<NumberAssignmentResult> IPhoneNumberGrain.Assign(string tenantId, string numberSid)
    {
        var owner = state.State.Owner;
        if (owner is not null && owner.TenantId != tenantId)
        {
            return NumberAssignmentResult.OwnedByAnotherTenant;
        }

        var result = NumberAssignmentResult.AlreadyAssigned;
        if (owner is null || owner.NumberSid != numberSid)
        {
            state.State.Owner = new PhoneNumberOwner(tenantId, numberSid, owner?.AssignedAt ?? clock.GetUtcNow());
            await state.WriteStateAsync();
            result = NumberAssignmentResult.Assigned;
        }

        // Also on a repeat: it completes an earlier assignment whose tenant update failed after this grain's write.
        await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).AddNumber(PhoneNumber);
        return result;
    }
}
