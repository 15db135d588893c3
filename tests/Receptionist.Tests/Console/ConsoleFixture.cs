using Microsoft.Playwright;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Outbound;
using SignalWire.Emulator;

namespace Receptionist.Tests.WebConsole;

/// <summary>
/// What the console's browser tests share: a SignalWire emulator, one silo on PostgreSQL pointed at it (started on
/// first use, since it needs the collection's PostgreSQL), and headless Chromium from the system's package.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private EmulatorHandle? emulator;
    private TestSiloCluster? cluster;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public EmulatorHandle Emulator => emulator ?? throw new InvalidOperationException("not started");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("not started");

    public async Task<TestSilo> SiloAsync(PostgresFixture postgres)
    {
        await gate.WaitAsync();
        try
        {
            if (cluster is null)
            {
                var settings = TelephonyFixture.SignalWireSettings(Emulator);
                settings["SignalWire:PublicBaseUrl"] = TestSilo.SelfUrl;
                // The events page's tests deliver to a receiver on 127.0.0.1, retried within seconds.
                foreach (var (key, value) in Events.WebhookTestClient.Configuration())
                {
                    settings[key] = value;
                }

                cluster = await TestSiloCluster.StartAsync(postgres, "console", silos: 1, settings);
            }

            Emulator.Controls.ClearFaults();
            return cluster[0];
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task InitializeAsync()
    {
        var options = TelephonyFixture.EmulatorOptions();
        // Slow enough that a person (and the test) sees each status of a call on the board.
        options.StepDelayMilliseconds = 250;
        emulator = await EmulatorApp.StartAsync(options);
        playwright = await Playwright.CreateAsync();
        browser = await ConsoleBrowser.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
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
