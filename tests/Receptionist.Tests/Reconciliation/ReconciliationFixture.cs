using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Outbound;
using SignalWire.Emulator;

namespace Receptionist.Tests.Reconciliation;

/// <summary>
/// A SignalWire emulator and a two-silo PostgreSQL cluster whose reconciliation sweep runs every second and asks about
/// anything unsettled for two seconds, so a lost callback is reconciled within a test's patience.
/// </summary>
public sealed class ReconciliationFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private EmulatorHandle? emulator;
    private TestSiloCluster? cluster;

    public EmulatorHandle Emulator => emulator ?? throw new InvalidOperationException("not started");

    public async Task<TestSiloCluster> ClusterAsync(PostgresFixture postgres)
    {
        await gate.WaitAsync();
        try
        {
            if (cluster is null)
            {
                var settings = TelephonyFixture.SignalWireSettings(Emulator);
                settings["SignalWire:PublicBaseUrl"] = TestSilo.SelfUrl;
                settings["Reconciliation:CallsAfter"] = "00:00:02";
                settings["Reconciliation:MessagesAfter"] = "00:00:02";
                settings["Reconciliation:Tick"] = "00:00:01";
                cluster = await TestSiloCluster.StartAsync(postgres, "reconcile", silos: 2, settings);
            }

            Emulator.Controls.ClearFaults();
            return cluster;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task InitializeAsync() => emulator = await EmulatorApp.StartAsync(TelephonyFixture.EmulatorOptions());

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }

        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }

        gate.Dispose();
    }
}
