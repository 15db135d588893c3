using Orleans.Configuration;
using Orleans.Runtime;
using Receptionist.Api.Cluster;
using Receptionist.Grains;
using Receptionist.Grains.Storage;
using Receptionist.Silo.Storage;

namespace Receptionist.Silo.Hosting;

public static class OrleansSetup
{
    /// <summary>
    /// Co-hosts the silo on the web host. With a PostgreSQL connection string: ADO.NET clustering, reminders and durable
    /// grain storage (group commit or the stock ADO.NET provider, <see cref="GrainStorageOptions"/>), so any number of
    /// silos form one cluster through the database. Without: a single localhost silo with memory storage and reminders.
    /// Reminders may be as frequent as <paramref name="shortestReminderPeriod"/> (Orleans' floor is otherwise a minute).
    /// Grain calls carry the trace context only when traces are exported (<paramref name="propagateTraces"/>): the
    /// propagation is a pair of grain call filters, and with any filter registered every grain call of the silo takes
    /// Orleans' filter pipeline (an invoker and its state machines per call) instead of its direct path.
    /// </summary>
    public static WebApplicationBuilder AddReceptionistSilo(this WebApplicationBuilder builder, OrleansHostingOptions hosting, GrainStorageOptions storage,
        string? postgres, TimeSpan shortestReminderPeriod, bool propagateTraces)
    {
        SiloPorts.EnsureFree(hosting, listenOnAnyAddress: postgres is not null);
        builder.Services.AddSingleton<IClusterView, MembershipClusterView>();
        builder.UseOrleans(silo =>
        {
            if (propagateTraces)
            {
                silo.AddActivityPropagation();
            }

            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Membership, (_, _) => new MembershipClock());
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = hosting.ClusterId;
                o.ServiceId = hosting.ServiceId;
            });
            silo.Configure<ClusterMembershipOptions>(DetectDeadSilosQuickly);
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = shortestReminderPeriod < o.MinimumReminderPeriod ? shortestReminderPeriod : o.MinimumReminderPeriod);

            if (postgres is null)
            {
                silo.UseLocalhostClustering(hosting.SiloPort, hosting.GatewayPort, serviceId: hosting.ServiceId, clusterId: hosting.ClusterId);
                silo.AddMemoryGrainStorage(StorageNames.Default);
                silo.UseInMemoryReminderService();
                silo.Services.AddSingleton(new CommitCompanions(joinsStateWrites: false));
                return;
            }

            silo.ConfigureEndpoints(hosting.AdvertisedAddress, hosting.SiloPort, hosting.GatewayPort, listenOnAnyHostAddress: true);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = postgres;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = AdoNetInvariant;
                o.ConnectionString = postgres;
            });
            silo.AddReceptionistGrainStorage(StorageNames.Default, postgres, storage);
        });
        RememberedGrainInterfaceTypes.Replace(builder.Services);
        return builder;
    }

    /// <summary>
    /// A silo that died is declared dead after two missed probes two seconds apart (Orleans' defaults, three missed
    /// probes five seconds apart, left its calls unanswerable for ~16 s), so the others take its grains over within
    /// ~10 s. Probe timeouts still stretch while this silo itself is starved of CPU, so load alone does not evict.
    /// </summary>
    private static void DetectDeadSilosQuickly(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = TimeSpan.FromSeconds(2);
        options.NumMissedProbesLimit = 2;
        options.ExtendProbeTimeoutDuringDegradation = true;
    }

    /// <summary>Orleans' name for the Npgsql driver; the default would be SQL Server.</summary>
    public const string AdoNetInvariant = "Npgsql";
}
