using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Receptionist.Grains;
using Receptionist.Silo.Hosting;

namespace Receptionist.Tests.Infrastructure.Cluster;

/// <summary>TestCluster silos on the product's own storage and clustering: ADO.NET on PostgreSQL.</summary>
public sealed class AdoNetSiloConfigurator : ISiloConfigurator
{
    public const string ConnectionStringKey = "PostgresConnectionString";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringKey];
        siloBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = OrleansSetup.AdoNetInvariant;
            o.ConnectionString = connectionString;
        });
        siloBuilder.AddAdoNetGrainStorage(StorageNames.Default, o =>
        {
            o.Invariant = OrleansSetup.AdoNetInvariant;
            o.ConnectionString = connectionString;
        });
        siloBuilder.Services.AddBinaryGrainStateSerializer();
    }
}

public sealed class AdoNetClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = OrleansSetup.AdoNetInvariant;
            o.ConnectionString = configuration[AdoNetSiloConfigurator.ConnectionStringKey];
        });
}
