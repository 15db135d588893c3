namespace SignalWire.Emulator;

/// <summary>
/// Run by hand: <c>dotnet run --project tests/SignalWire.Emulator -- --urls http://127.0.0.1:5090
/// --Emulator:ProjectId=… --Emulator:Token=… --Emulator:SigningKey=… --Emulator:OwnedNumbers:0=+15551230000</c>.
/// </summary>
public static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection(EmulatorOptions.SectionName).Get<EmulatorOptions>() ?? new EmulatorOptions();
        var app = EmulatorApp.Build(builder, options);
        app.Logger.LogInformation(
            "SignalWire emulator for project {ProjectId}; control surface at /_emulator (state, inbound/call, calls/{{sid}}/digits|speech|silence|forward|recording|hangup)",
            options.ProjectId);
        await app.RunAsync();
    }
}
