using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;
using Receptionist.Grains;
using Receptionist.Silo.Hosting;
using Receptionist.Silo.Storage;

namespace Receptionist.Tests.Infrastructure.Cluster;

/// <summary>TestCluster silos on the product's own storage and clustering: ADO.NET on PostgreSQL.</summary>
public sealed class AdoNetSiloConfigurator : ISiloConfigurator
{
    public const string ConnectionStringKey = "PostgresConnectionString";

    /// <summary>Which grain storage (<see cref="GrainStorageProvider"/>); unset, the product's default.</summary>
    public const string StorageProviderKey = "GrainStorageProvider";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringKey];
        siloBuilder.UseAdoNetClustering(o =>
        {
            o.Invariant = OrleansSetup.AdoNetInvariant;
            o.ConnectionString = connectionString;
        });
        var provider = Enum.Parse<GrainStorageProvider>(siloBuilder.Configuration[StorageProviderKey] ?? nameof(GrainStorageProvider.GroupCommit));
        siloBuilder.AddReceptionistGrainStorage(StorageNames.Default, connectionString!, new GrainStorageOptions { Provider = provider });
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
