namespace Receptionist.Grains.Analytics;

/// <summary>
/// A silo-local pre-aggregator (a stateless worker, key 0): call and message grains hand it their contributions, it
/// buffers them per tenant for a few milliseconds and passes each tenant one batch, so many calls of one tenant ending
/// at once cost the tenant grain one turn and one transaction instead of one each.
/// </summary>
[Alias("analytics-collector")]
public interface IAnalyticsCollectorGrain : IGrainWithIntegerKey
{
    /// <summary>Completes once the contribution is durable in the tenant's rollups; throws if it could not be applied.</summary>
    [Alias("contribute")]
    Task Contribute(AnalyticsContribution contribution);
}
