using SignalWire.Emulator.Controls;
using SignalWire.Emulator.State;

namespace SignalWire.Emulator;

/// <summary>A running in-process emulator: where it listens, what it holds, and how to steer it.</summary>
public sealed class EmulatorHandle : IAsyncDisposable
{
    private readonly WebApplication app;

    internal EmulatorHandle(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The "space URL" to configure a client with, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public Uri BaseAddress { get; }

    public EmulatorOptions Options => app.Services.GetRequiredService<EmulatorOptions>();

    public EmulatorState State => app.Services.GetRequiredService<EmulatorState>();

    public EmulatorControls Controls => app.Services.GetRequiredService<EmulatorControls>();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
