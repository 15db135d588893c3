using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace Receptionist.Tests.Infrastructure;

/// <summary>Several <see cref="TestSilo"/>s on one fresh PostgreSQL database, forming one cluster.</summary>
public sealed class TestSiloCluster : IAsyncDisposable
{
    private TestSiloCluster(string connectionString, string clusterId, IReadOnlyDictionary<string, string?> configuration, List<TestSilo> silos)
    {
        ConnectionString = connectionString;
        ClusterId = clusterId;
        Configuration = configuration;
        Silos = silos;
    }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    public IReadOnlyDictionary<string, string?> Configuration { get; }

    public List<TestSilo> Silos { get; }

    public TestSilo this[int index] => Silos[index];

    /// <summary>
    /// Leaves the analytics contributions that commits append unfolded until a report reads them, so a test can look at
    /// the rows a commit wrote.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> FoldingOnlyOnRead { get; } =
        new Dictionary<string, string?> { ["Analytics:FoldInterval"] = "1.00:00:00" };

    public static async Task<TestSiloCluster> StartAsync(PostgresFixture postgres, string purpose, int silos = 2,
        IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var connectionString = await postgres.CreateDatabaseAsync(purpose);
        var clusterId = $"{purpose}-{Guid.NewGuid():N}";
        var settings = new Dictionary<string, string?>(configuration ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Orleans:ClusterId"] = clusterId,
        };
        var started = await Task.WhenAll(Enumerable.Range(0, silos).Select(_ => TestSilo.StartAsync(settings)));
        var cluster = new TestSiloCluster(connectionString, clusterId, settings, [.. started]);
        await cluster.WaitForMembershipAsync(silos);
        return cluster;
    }

    /// <summary>Adds one more silo to the running cluster.</summary>
    public async Task<TestSilo> AddSiloAsync()
    {
        var silo = await TestSilo.StartAsync(Configuration);
        Silos.Add(silo);
        return silo;
    }

    /// <summary>Waits until every silo sees <paramref name="active"/> active members, so any silo may host any grain.</summary>
    public async Task WaitForMembershipAsync(int active, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var counts = Silos.Where(s => s.IsRunning).Select(ActiveMembers).ToArray();
            if (counts.All(c => c == active))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"silos see {string.Join(",", counts)} active members, expected {active}");
            }

            await Task.Delay(200);
        }
    }

    private static int ActiveMembers(TestSilo silo)
    {
        try
        {
            return silo.Services.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        }
        catch (ObjectDisposedException)
        {
            return -1;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Silos.Select(s => s.DisposeAsync().AsTask()));
    }
}
