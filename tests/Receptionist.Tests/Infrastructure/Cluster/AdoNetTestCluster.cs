using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.TestingHost;
using Receptionist.Silo.Schema;

namespace Receptionist.Tests.Infrastructure.Cluster;

/// <summary>
/// A classic Orleans <see cref="TestCluster"/> on real ADO.NET clustering and the product's grain storage, on a migrated
/// database: the harness for killing silos (<c>KillSiloAsync</c>) under real membership.
/// </summary>
public static class AdoNetTestCluster
{
    public static async Task<TestCluster> StartAsync(string connectionString, string purpose, int silos)
    {
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).ApplyAsync();
        }

        var builder = new TestClusterBuilder(initialSilosCount: (short)silos);
        builder.Options.ClusterId = $"{purpose}-{Guid.NewGuid():N}";
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[AdoNetSiloConfigurator.ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<AdoNetSiloConfigurator>();
        builder.AddClientBuilderConfigurator<AdoNetClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
