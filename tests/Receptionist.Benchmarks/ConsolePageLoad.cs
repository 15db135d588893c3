using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;

namespace Receptionist.Benchmarks;

/// <summary>
/// `--console-page-load [--calls N] [--runs R]`: how fast the console's pages show their data with N calls stored
/// (10 000 by default). Starts PostgreSQL, the SignalWire emulator and the silo as its own process, replays N whole
/// inbound calls (signed webhooks, all within the last hour: the live board's worst case, and all inside the analytics
/// period), then times each page in headless system Chromium with <c>docs/console-page-load.js</c> (R loads each).
/// </summary>
public static class ConsolePageLoad
{
    private const string Tenant = "console-tenant";
    private const string Number = "+16465559000";
    private const int Senders = 32;

    public static async Task<int> RunAsync(string[] args)
    {
        var calls = CommandLine.IntOption(args, "--calls", 10_000);
        var runs = CommandLine.IntOption(args, "--runs", 9);
        Console.WriteLine("starting PostgreSQL, the SignalWire emulator and the silo...");
        await using var postgres = await PostgresServer.StartAsync(durable: true);
        await using var emulator = await EmulatorApp.StartAsync(new EmulatorOptions { SigningKey = SiloProcess.SigningKey, OwnedNumbers = [Number] });
        using var client = BenchmarkRun.CreateClient(Senders);
        await using var silo = await StartSiloAsync(emulator, await postgres.CreateDatabaseAsync("console-page-load"));
        var token = DevTokenIssuer.Issue(SiloProcess.JwtSecret, Tenant, [.. Permissions.All], lifetime: TimeSpan.FromHours(2));
        await ClaimAsync(client, silo.BaseAddress, token);

        Console.WriteLine($"replaying {calls:N0} calls...");
        var watch = Stopwatch.StartNew();
        var traffic = new CallTraffic(SiloProcess.SigningKey, [new TenantLine(Number, token)], duplicateShare: 0, reorderShare: 0);
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, Senders).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= calls)
            {
                foreach (var (_, path, body, signature) in traffic.WholeCall(silo.BaseAddress, Random.Shared).Webhooks)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo.BaseAddress, path)) { Content = body };
                    request.Headers.Add("X-SignalWire-Signature", signature);
                    using var response = await client.SendAsync(request);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
            }
        }));
        Console.WriteLine($"replayed in {watch.Elapsed.TotalSeconds:0} s");

        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(silo.BaseAddress, "/api/signalwire/analytics")))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            var report = await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>();
            Console.WriteLine($"analytics reports {report!["calls"]!["total"]} calls stored");
        }

        var tokenFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(tokenFile, token);
            var node = new ProcessStartInfo("node") { WorkingDirectory = RepositoryPaths.Root };
            node.ArgumentList.Add(Path.Combine("docs", "console-page-load.js"));
            node.ArgumentList.Add(silo.BaseAddress.ToString().TrimEnd('/'));
            node.ArgumentList.Add(tokenFile);
            node.ArgumentList.Add(runs.ToString(CultureInfo.InvariantCulture));
            using var process = Process.Start(node) ?? throw new InvalidOperationException("node could not start");
            await process.WaitForExitAsync();
            return process.ExitCode;
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    /// <summary>The silo's two ports are probed free one after the other and can collide: such a start is tried again.</summary>
    private static async Task<SiloProcess> StartSiloAsync(EmulatorHandle emulator, string database)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await BenchmarkRun.StartSiloAsync(emulator, database);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.Ordinal))
            {
                Console.WriteLine("the silo's ports collided; starting it again...");
            }
        }
    }

    private static async Task ClaimAsync(HttpClient client, Uri silo, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo, "/api/signalwire/phone-numbers")) { Content = JsonContent.Create(new { phoneNumber = Number }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"claiming {Number} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
