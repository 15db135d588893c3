using System.Globalization;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;

namespace Receptionist.Tests.Messaging;

/// <summary>A SignalWire emulator that signs with the suite's key, and the silo configuration that points at it.</summary>
public static class SmsEmulator
{
    public const string ProjectId = "b3877c40-da60-4998-90ad-b792e98472af";
    public const string Token = "PT4tjCGnmAeQ0hwFmFDhwfgww880X2lsnuR60VMy";

    public static Task<EmulatorHandle> StartAsync(params string[] ownedNumbers) =>
        EmulatorApp.StartAsync(new EmulatorOptions
        {
            ProjectId = ProjectId,
            Token = Token,
            SigningKey = SiloProcess.SigningKey,
            OwnedNumbers = [.. ownedNumbers],
            StepDelayMilliseconds = 30,
        });

    public static Dictionary<string, string?> Configuration(EmulatorHandle emulator, double timeoutSeconds = 5) => new()
    {
        ["SignalWire:SpaceUrl"] = emulator.BaseAddress.ToString(),
        ["SignalWire:ProjectId"] = ProjectId,
        ["SignalWire:Token"] = Token,
        ["SignalWire:TimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ["SignalWire:MaxRetries"] = "0",
    };
}
