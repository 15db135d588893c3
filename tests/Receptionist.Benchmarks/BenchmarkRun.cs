using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;

namespace Receptionist.Benchmarks;

/// <summary>
/// Starts PostgreSQL, the SignalWire emulator (numbers to claim) and the real silo as its own process, drives the hot
/// routes over HTTP, then drives the same requests at an empty Kestrel process for the ceiling.
/// </summary>
public static class BenchmarkRun
{
    private const int Tenants = 8;
    private const int NumbersPerTenant = 2;

    public static async Task<BenchmarkReport> ExecuteAsync(BenchmarkSettings settings)
    {
        var startedAt = DateTimeOffset.UtcNow;
        Console.WriteLine("starting PostgreSQL, the SignalWire emulator and the silo...");
        await using var postgres = await PostgresServer.StartAsync(durable: true);
        // The growth phase gets its own numbers (and database and silo), so it starts from an empty call log.
        var numbers = Enumerable.Range(0, 2 * Tenants * NumbersPerTenant).Select(i => $"+1646555{i:0000}").ToList();
        await using var emulator = await EmulatorApp.StartAsync(new EmulatorOptions { SigningKey = SiloProcess.SigningKey, OwnedNumbers = numbers });
        using var client = CreateClient(settings.Concurrency);
        List<PhaseResult> service;
        List<PhaseResult> ceiling;
        List<TenantLine> lines;
        await using (var silo = await StartSiloAsync(emulator, await postgres.CreateDatabaseAsync("benchmark")))
        {
            lines = await ClaimNumbersAsync(client, silo.BaseAddress, numbers[..(Tenants * NumbersPerTenant)]);
            var monitor = new ProcessMonitor(silo.ProcessId);
            service = await RunPhasesAsync(client, silo.BaseAddress, lines, settings, monitor);
        }

        Console.WriteLine("measuring the ceiling (empty Kestrel endpoint)...");
        using (var ceilingProcess = StartCeiling(out var ceilingAddress))
        {
            ceiling = await RunPhasesAsync(client, ceilingAddress, lines, settings, new ProcessMonitor(ceilingProcess.Id));
            ceilingProcess.Kill(entireProcessTree: true);
        }

        Console.WriteLine("measuring growth with stored calls (fresh database and silo)...");
        var growthDatabase = await postgres.CreateDatabaseAsync("growth");
        IReadOnlyList<GrowthFigures> growth;
        await using (var silo = await StartSiloAsync(emulator, growthDatabase))
        {
            var growthLines = await ClaimNumbersAsync(client, silo.BaseAddress, numbers[(Tenants * NumbersPerTenant)..]);
            growth = await GrowthRun.ExecuteAsync(client, silo.BaseAddress, growthLines, growthDatabase, settings, new ProcessMonitor(silo.ProcessId));
        }

        return new BenchmarkReport($"{Environment.ProcessorCount} cores, {Environment.OSVersion}", startedAt, service, ceiling, growth);
    }

    internal static async Task<SiloProcess> StartSiloAsync(EmulatorHandle emulator, string connectionString)
    {
        // The comparison's settings on the default grain storage (a fresh database, so its cluster id does not matter).
        var silo = SiloProcess.Start(BaselineComparison.SiloSettings("GroupCommit", connectionString, emulator));
        try
        {
            await silo.WaitUntilReadyAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    private static async Task<List<PhaseResult>> RunPhasesAsync(HttpClient client, Uri target, IReadOnlyList<TenantLine> lines,
        BenchmarkSettings settings, ProcessMonitor monitor)
    {
        var traffic = new CallTraffic(SiloProcess.SigningKey, lines);
        var results = new List<PhaseResult>();

        // Warm-up (JIT, connection pools, grain activations), then calls that stay answered for the live reads.
        await LoadDriver.RunAsync("warm-up", client, settings.Concurrency, TimeSpan.FromSeconds(settings.Smoke ? 1 : 3), WholeCalls(traffic, target, hangUp: true));
        await LoadDriver.RunAsync("active calls", client, settings.Concurrency, TimeSpan.FromSeconds(1), WholeCalls(traffic, target, hangUp: false));

        results.Add(await LoadDriver.RunAsync("webhooks", client, settings.Concurrency, settings.PhaseDuration, WholeCalls(traffic, target, hangUp: true), monitor));
        var active = traffic.ActiveCalls;
        results.Add(await LoadDriver.RunAsync("live status reads", client, settings.Concurrency, settings.PhaseDuration,
            (http, recorder, worker, cancellationToken) =>
            {
                var (callSid, token) = active[Random.Shared.Next(active.Count)];
                return Get(http, recorder, "GET call/{callSid}", new Uri(target, $"/api/signalwire/call/{callSid}"), token, cancellationToken);
            }, monitor));
        results.Add(await LoadDriver.RunAsync("call list pages", client, settings.Concurrency, settings.PhaseDuration,
            (http, recorder, worker, cancellationToken) =>
                Get(http, recorder, "GET calls?limit=50", new Uri(target, "/api/signalwire/calls?limit=50"), lines[Random.Shared.Next(lines.Count)].Token, cancellationToken),
            monitor));
        results.Add(await LoadDriver.RunAsync("analytics reads", client, settings.Concurrency, settings.PhaseDuration,
            (http, recorder, worker, cancellationToken) =>
                Get(http, recorder, "GET analytics?groupBy=day", new Uri(target, "/api/signalwire/analytics?groupBy=day"), lines[Random.Shared.Next(lines.Count)].Token, cancellationToken),
            monitor));
        return results;
    }

    internal static WorkloadStep WholeCalls(CallTraffic traffic, Uri target, bool hangUp) =>
        async (http, recorder, worker, cancellationToken) =>
        {
            var call = traffic.WholeCall(target, Random.Shared, hangUp);
            var delivered = true;
            foreach (var (route, path, body, signature) in call.Webhooks)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, path)) { Content = body };
                request.Headers.Add("X-SignalWire-Signature", signature);
                using var response = await recorder.SendAsync(http, route, request, cancellationToken);
                delivered &= response?.IsSuccessStatusCode == true;
            }

            if (delivered && !hangUp)
            {
                traffic.MarkActive(call);
            }
        };

    internal static async Task Get(HttpClient http, LatencyRecorder recorder, string route, Uri uri, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await recorder.SendAsync(http, route, request, cancellationToken);
        if (response is not null)
        {
            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
        }
    }

    private static async Task<List<TenantLine>> ClaimNumbersAsync(HttpClient client, Uri silo, IReadOnlyList<string> numbers)
    {
        var lines = new List<TenantLine>();
        for (var i = 0; i < numbers.Count; i++)
        {
            var tenant = $"bench-tenant-{i % Tenants}";
            var token = DevTokenIssuer.Issue(SiloProcess.JwtSecret, tenant, [Permissions.PhoneNumbersCreate, Permissions.CallsRead, Permissions.AnalyticsRead], lifetime: TimeSpan.FromHours(2));
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(silo, "/api/signalwire/phone-numbers")) { Content = JsonContent.Create(new { phoneNumber = numbers[i] }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"claiming {numbers[i]} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            lines.Add(new TenantLine(numbers[i], token));
        }

        return lines;
    }

    internal static HttpClient CreateClient(int concurrency) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static Process StartCeiling(out Uri address)
    {
        var port = PostgresServer.FreeTcpPort();
        address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(BenchmarkRun).Assembly.Location);
        start.ArgumentList.Add("--ceiling-server");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the ceiling server");
        using var probe = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                if (probe.GetAsync(new Uri(address, "/health/ready")).GetAwaiter().GetResult().IsSuccessStatusCode)
                {
                    return process;
                }
            }
            catch (HttpRequestException)
            {
                Thread.Sleep(100);
            }
        }

        throw new InvalidOperationException("the ceiling server did not start");
    }
}
