using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using SignalWire.Emulator.Api;
using SignalWire.Emulator.Controls;
using SignalWire.Emulator.Pipeline;
using SignalWire.Emulator.Playout;
using SignalWire.Emulator.State;
using SignalWire.Emulator.Voice;

namespace SignalWire.Emulator;

/// <summary>Builds the emulator, either for <c>dotnet run</c> or in-process for tests on a free loopback port.</summary>
public static class EmulatorApp
{
    /// <summary>Starts an emulator on 127.0.0.1 on a free port; dispose the handle to stop it.</summary>
    public static async Task<EmulatorHandle> StartAsync(EmulatorOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(EmulatorApp).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = Build(builder, options);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EmulatorHandle(app, new Uri(address));
    }

    public static WebApplication Build(WebApplicationBuilder builder, EmulatorOptions options)
    {
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new EmulatorState(options));
        builder.Services.AddSingleton<BackgroundWork>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BackgroundWork>());
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<CallLifecycle>();
        builder.Services.AddSingleton<MessageLifecycle>();
        builder.Services.AddSingleton<InboundCallPlayer>();
        builder.Services.AddSingleton(sp => new EmulatorControls(
            sp.GetRequiredService<EmulatorState>(), sp.GetRequiredService<InboundCallPlayer>(), sp.GetRequiredService<MessageLifecycle>()));
        builder.Services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        app.Use(CompatibilityPipeline.StripSuffixAsync);
        app.Use(CompatibilityPipeline.AuthenticateAsync);
        app.UseRouting();
        app.Use(CompatibilityPipeline.ApplyFaultsAsync);
        app.MapCompatibilityApi();
        app.MapEmulatorControls();
        return app;
    }
}
