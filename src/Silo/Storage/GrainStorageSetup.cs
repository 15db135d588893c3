using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Receptionist.Grains.Observability;
using Receptionist.Grains.Storage;
using Receptionist.Silo.Hosting;

namespace Receptionist.Silo.Storage;

public static class GrainStorageSetup
{
    /// <summary>
    /// Registers the durable grain storage named <paramref name="name"/>: ours (group commit, the default) or Orleans'
    /// stock ADO.NET provider, on the same table and row format, so a deployment can switch either way.
    /// Both store states in Orleans' binary format (<see cref="GrainStateSerialization"/>).
    /// </summary>
    public static ISiloBuilder AddReceptionistGrainStorage(this ISiloBuilder silo, string name, string connectionString, GrainStorageOptions options)
    {
        silo.Services.AddBinaryGrainStateSerializer();
        if (options.Provider == GrainStorageProvider.AdoNet)
        {
            silo.Services.TryAddSingleton(new CommitCompanions(joinsStateWrites: false));
            return silo.AddAdoNetGrainStorage(name, o =>
            {
                o.Invariant = OrleansSetup.AdoNetInvariant;
                o.ConnectionString = connectionString;
            });
        }

        silo.Services.TryAddSingleton(new CommitCompanions(joinsStateWrites: true));
        silo.Services.TryAddSingleton<ReceptionistTelemetry>();
        silo.Services.AddGrainStorage(name, (services, key) => new GroupCommitGrainStorage(
            key,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            connectionString,
            options.MaxBatchSize,
            services.GetKeyedService<IGrainStorageSerializer>(key) ?? services.GetRequiredService<IGrainStorageSerializer>(),
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<CommitCompanions>(),
            services.GetRequiredService<ReceptionistTelemetry>(),
            services.GetRequiredService<ILoggerFactory>()));
        return silo;
    }
}
