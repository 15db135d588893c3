namespace Receptionist.Benchmarks;

/// <summary>
/// The machine's ceiling: an empty Kestrel endpoint in its own process, driven by the same load as the service, so the
/// service's figures read as a fraction of what HTTP alone costs on this machine.
/// </summary>
public static class CeilingServer
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/health/ready", () => Results.Ok());
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            await request.ReadFormAsync();
            return Results.Content("<Response/>", "text/xml");
        });
        app.MapGet("/{**path}", () => Results.Json(new { ok = true }));
        await app.RunAsync();
    }
}
