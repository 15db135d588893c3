using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Models;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.Numbers;

/// <summary>
/// Not reentrant: two tenants asking for the same number at once are served one after the other, so the second sees
/// the first's ownership and gets a conflict instead of a second purchase.
/// </summary>
public sealed class PhoneNumberGrain(
    [PersistentState(stateName: "phone-number", storageName: StorageNames.Default)] IPersistentState<PhoneNumberState> state,
    TimeProvider clock,
    SignalWireClient signalWire,
    ILogger<PhoneNumberGrain> logger)
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

    async Task<NumberAcquisition> IPhoneNumberGrain.Acquire(string tenantId, NumberWebhookUrls webhooks, bool allowClaim)
    {
        var owner = state.State.Owner;
        if (owner is not null && owner.TenantId != tenantId)
        {
            return new NumberAcquisition(NumberAcquisitionOutcome.OwnedByAnotherTenant, null);
        }

        var settings = new NumberWebhooks
        {
            VoiceUrl = new Uri(webhooks.VoiceUrl),
            VoiceMethod = "POST",
            StatusCallback = new Uri(webhooks.StatusCallback),
            StatusCallbackMethod = "POST",
            SmsUrl = new Uri(webhooks.SmsUrl),
            SmsMethod = "POST",
        };

        // Every SignalWire request happens before any write: a refused or unanswered one leaves the number as it was.
        NumberAcquisitionOutcome outcome;
        IncomingPhoneNumber number;
        if (owner is not null)
        {
            number = await signalWire.UpdateIncomingNumberAsync(owner.NumberSid, settings);
            outcome = NumberAcquisitionOutcome.AlreadyOwned;
        }
        else if (allowClaim && await FindInProjectAsync() is { } existing)
        {
            number = await signalWire.UpdateIncomingNumberAsync(existing.Sid, settings);
            outcome = NumberAcquisitionOutcome.Claimed;
        }
        else
        {
            number = await signalWire.BuyNumberAsync(PhoneNumber, settings);
            outcome = NumberAcquisitionOutcome.Bought;
        }

        logger.LogInformation("Number {PhoneNumber} ({Outcome}) is tenant {TenantId}'s; webhooks point at {VoiceUrl}", PhoneNumber, outcome, tenantId, webhooks.VoiceUrl);
        state.State.Owner = new PhoneNumberOwner(tenantId, number.Sid, owner?.AssignedAt ?? clock.GetUtcNow());
        state.State.Configuration = new PhoneNumberConfiguration(
            number.FriendlyName,
            [.. number.Capabilities.Where(c => c.Value).Select(c => c.Key.ToLowerInvariant()).Order(StringComparer.Ordinal)],
            number.VoiceUrl,
            number.StatusCallback,
            number.SmsUrl);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ITenantGrain>(GrainKeys.Tenant(tenantId)).AddNumber(PhoneNumber);
        return new NumberAcquisition(outcome, Info());
    }

    Task<PhoneNumberInfo?> IPhoneNumberGrain.Describe(string tenantId) =>
        Task.FromResult(state.State.Owner?.TenantId == tenantId ? Info() : null);

    private async Task<IncomingPhoneNumber?> FindInProjectAsync() =>
        (await signalWire.ListIncomingNumbersAsync(PhoneNumber)).FirstOrDefault(n => n.PhoneNumber == PhoneNumber);

    private PhoneNumberInfo Info()
    {
        var owner = state.State.Owner!;
        var configuration = state.State.Configuration;
        return new PhoneNumberInfo
        {
            PhoneNumber = PhoneNumber,
            NumberSid = owner.NumberSid,
            AssignedAt = owner.AssignedAt,
            FriendlyName = configuration?.FriendlyName,
            Capabilities = configuration?.Capabilities ?? [],
            VoiceUrl = configuration?.VoiceUrl,
            StatusCallback = configuration?.StatusCallback,
            SmsUrl = configuration?.SmsUrl,
        };
    }
}
