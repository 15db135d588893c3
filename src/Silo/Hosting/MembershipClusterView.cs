using Orleans.Runtime;
using Receptionist.Api.Cluster;

namespace Receptionist.Silo.Hosting;

/// <summary>
/// The cluster as Orleans' membership snapshot (kept in memory by every silo) shows it. The active count is recounted
/// only when the snapshot's version changes, so a read per request costs a field comparison.
/// </summary>
public sealed class MembershipClusterView(IServiceProvider services) : IClusterView
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private Counted counted = new(-1, 1);
    private IClusterMembershipService? membership;

    public int ActiveSilos => Current().Silos;

    public long Version => Current().Version;

    public async Task WaitForChangeAsync(long version, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Version == version && DateTime.UtcNow < deadline)
        {
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private Counted Current()
    {
        // Resolved on first use: the membership service exists only once the silo is built.
        membership ??= services.GetService<IClusterMembershipService>();
        if (membership?.CurrentSnapshot is not { } snapshot)
        {
            return counted;
        }

        var current = counted;
        if (current.Version == snapshot.Version.Value)
        {
            return current;
        }

        var silos = Math.Max(1, snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active));
        return counted = new Counted(snapshot.Version.Value, silos);
    }

    private sealed record Counted(long Version, int Silos);
}
