using System.Globalization;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;

namespace Receptionist.Tests.Outbound;

/// <summary>
/// A SignalWire emulator and a two-silo PostgreSQL cluster pointed at it, shared by one test class. Each silo's
/// <c>SignalWire:PublicBaseUrl</c> is its own URL, so the emulator's signed callbacks reach the silo that set up the
/// call or number. The cluster starts on first use (it needs the collection's PostgreSQL).
/// </summary>
public class TelephonyFixture : IAsyncLifetime
{
    public const string ProjectId = "0d6c3f1e-8a44-4c1b-9b7e-3f5a2c1d0e9f";
    public const string Token = "PT-outbound-suite-token";

    /// <summary>SignalWire's per-request timeout in the cluster; a delay fault longer than this is a timeout.</summary>
    public static readonly TimeSpan SignalWireTimeout = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim gate = new(1, 1);
    private EmulatorHandle? emulator;
    private TestSiloCluster? cluster;

    public EmulatorHandle Emulator => emulator ?? throw new InvalidOperationException("not started");

    public static EmulatorOptions EmulatorOptions() => new()
    {
        ProjectId = ProjectId,
        Token = Token,
        SigningKey = SiloProcess.SigningKey,
        StepDelayMilliseconds = 60,
        DefaultTalkSeconds = 30,
    };

    /// <summary>The silo settings that point SignalWire at <paramref name="emulator"/>.</summary>
    public static Dictionary<string, string?> SignalWireSettings(EmulatorHandle emulator) => new()
    {
        ["SignalWire:SpaceUrl"] = emulator.BaseAddress.ToString(),
        ["SignalWire:ProjectId"] = ProjectId,
        ["SignalWire:Token"] = Token,
        ["SignalWire:TimeoutSeconds"] = SignalWireTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        ["SignalWire:MaxRetries"] = "1",
        ["SignalWire:RetryDelayMilliseconds"] = "10",
    };

    public async Task<TestSiloCluster> ClusterAsync(PostgresFixture postgres)
    {
        await gate.WaitAsync();
        try
        {
            if (cluster is null)
            {
                var settings = SignalWireSettings(Emulator);
                settings["SignalWire:PublicBaseUrl"] = TestSilo.SelfUrl;
                Configure(settings);
                cluster = await TestSiloCluster.StartAsync(postgres, ClusterName, silos: 2, settings);
            }

            Emulator.Controls.ClearFaults();
            return cluster;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task InitializeAsync() => emulator = await EmulatorApp.StartAsync(EmulatorOptions());

    /// <summary>The cluster's name; a fixture with other settings needs its own.</summary>
    protected virtual string ClusterName => "telephony";

    /// <summary>More silo settings for a fixture that needs them.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

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
