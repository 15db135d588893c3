using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Receptionist.Grains.SignalWire;
using SignalWire.Emulator;

namespace Receptionist.Tests.SignalWire;

/// <summary>An emulator on a free loopback port and a <see cref="SignalWireClient"/> registered exactly as the host does, pointed at it.</summary>
public sealed class SignalWireHarness : IAsyncDisposable
{
    public const string ProjectId = "b3877c40-da60-4998-90ad-b792e98472af";
    public const string Token = "PT4tjCGnmAeQ0hwFmFDhwfgww880X2lsnuR60VMy";
    public const string SigningKey = "PSK_V3bF8oyeRNpJWGoRWHNYQMUU";
    public const string OwnedNumber = "+15550001111";

    private readonly ServiceProvider services;

    private SignalWireHarness(EmulatorHandle emulator, ServiceProvider services)
    {
        Emulator = emulator;
        this.services = services;
        Client = services.GetRequiredService<SignalWireClient>();
    }

    public EmulatorHandle Emulator { get; }

    public SignalWireClient Client { get; }

    public static async Task<SignalWireHarness> StartAsync(double timeoutSeconds = 5, string? token = null, Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { ProjectId = ProjectId, Token = Token, SigningKey = SigningKey, OwnedNumbers = [OwnedNumber], StepDelayMilliseconds = 30 };
        configure?.Invoke(options);
        var emulator = await EmulatorApp.StartAsync(options);
        var services = CreateServices(new Dictionary<string, string?>
        {
            ["SignalWire:SpaceUrl"] = emulator.BaseAddress.ToString(),
            ["SignalWire:ProjectId"] = ProjectId,
            ["SignalWire:Token"] = token ?? Token,
            ["SignalWire:TimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
            ["SignalWire:MaxRetries"] = "2",
            ["SignalWire:RetryDelayMilliseconds"] = "10",
        });
        return new SignalWireHarness(emulator, services);
    }

    /// <summary>The client's registration alone, from the given configuration, as <c>ReceptionistHost</c> makes it.</summary>
    public static ServiceProvider CreateServices(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSignalWireClient();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
