namespace Receptionist.Api.Cluster;

/// <summary>What the front end needs to know of the cluster it runs in, from this silo's cached membership view.</summary>
public interface IClusterView
{
    /// <summary>Active silos, at least 1. Read on every rate-limited request, so it is a cached value.</summary>
    int ActiveSilos { get; }

    /// <summary>Grows whenever a silo joins, leaves or is declared dead.</summary>
    long Version { get; }

    /// <summary>Completes when <see cref="Version"/> has moved past <paramref name="version"/>, or after <paramref name="timeout"/>.</summary>
    Task WaitForChangeAsync(long version, TimeSpan timeout, CancellationToken cancellationToken);
}
