using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Models;

namespace Receptionist.Grains.Numbers;

[StatelessWorker]
public sealed class NumberCatalogGrain(SignalWireClient signalWire, ILogger<NumberCatalogGrain> logger) : Grain, INumberCatalogGrain
{
    /// <summary>Candidates tried before giving up: each one taken in between costs a round trip.</summary>
    private const int MaxCandidates = 3;

    private string TenantId => GrainKeys.IdOf(this.GetPrimaryKeyString());

    async Task<IReadOnlyList<NumberOffer>> INumberCatalogGrain.Search(NumberSearch search)
    {
        var found = await signalWire.SearchAvailableNumbersAsync(new AvailableNumberQuery
        {
            Kind = search.TollFree ? AvailableNumberKind.TollFree : AvailableNumberKind.Local,
            AreaCode = search.AreaCode,
            Contains = search.Contains,
            InRegion = search.Region,
        });
        return [.. found.Select(n => new NumberOffer(
            n.PhoneNumber, n.FriendlyName, n.Region, n.RateCenter, n.IsoCountry,
            [.. n.Capabilities.Where(c => c.Value).Select(c => c.Key.ToLowerInvariant()).Order(StringComparer.Ordinal)]))];
    }

    /// <summary>
    /// Searches, then buys through the candidate's own grain (never claims: an area-code request asks for a new
    /// number). A candidate sold in between (SignalWire code 21422) or already a tenant's moves on to the next.
    /// </summary>
    async Task<NumberAcquisition> INumberCatalogGrain.AcquireFirstAvailable(string areaCode, NumberWebhookUrls webhooks)
    {
        var candidates = await signalWire.SearchAvailableNumbersAsync(new AvailableNumberQuery { AreaCode = areaCode });
        foreach (var candidate in candidates.Take(MaxCandidates))
        {
            try
            {
                var acquired = await GrainFactory.GetGrain<IPhoneNumberGrain>(GrainKeys.PhoneNumber(candidate.PhoneNumber))
                    .Acquire(TenantId, webhooks, allowClaim: false);
                if (acquired.Outcome != NumberAcquisitionOutcome.OwnedByAnotherTenant)
                {
                    return acquired;
                }
            }
            catch (SignalWireException ex) when (ex.Code == SignalWireClient.NumberNotAvailableCode)
            {
                logger.LogInformation("Number {PhoneNumber} was sold before we could buy it; trying the next one", candidate.PhoneNumber);
            }
        }

        return new NumberAcquisition(NumberAcquisitionOutcome.NoneAvailable, null);
    }
}
