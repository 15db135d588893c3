using System.Globalization;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;

namespace Receptionist.Benchmarks;

/// <summary>
/// The versus-baseline run's memory step and its webhook phases alone, for one or more silo variants in one run, so a
/// runtime setting's effect on memory per active call and its cost on webhooks are compared on the same machine minutes
/// apart. A variant is the silo as built (its runtimeconfig) plus <c>DOTNET_*</c> environment overrides, the way an
/// operator overrides a runtime setting; variants run in turn, <c>--rounds</c> times. Per variant: webhooks at 32 and
/// 256 connections with the silo's and PostgreSQL's CPU time per webhook (from /proc, so a busy machine moves it less than
/// req/s; <c>--pg-stats</c> adds the server's statements), the load average, then the active-calls step exactly as <c>--versus-baseline</c> takes it (after the same kinds of
/// phases, heap dump included).
/// </summary>
public static class ActiveCallMemory
{
    private const string Tenant = "acme";

    public sealed record Variant(string Name, IReadOnlyDictionary<string, string> Environment)
    {
        /// <summary><c>name</c> or <c>name:KEY=VALUE,KEY=VALUE</c>.</summary>
        public static Variant Parse(string text)
        {
            var (name, overrides) = text.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? (text[..colon], text[(colon + 1)..]) : (text, "");
            var environment = overrides.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : "");
            return new Variant(name, environment);
        }
    }

    public sealed record WebhookFigures(int Connections, double RequestsPerSecond, double P99Ms, double CpuMicrosecondsPerWebhook,
        double DatabaseCpuMicrosecondsPerWebhook, string LoadAverage,
        double? GcPauseMicrosecondsPerWebhook, string? CollectionsPerThousandWebhooks, double? AllocatedKilobytesPerWebhook);

    public sealed record Figures(string Variant, int Round, List<WebhookFigures> Webhooks, double KilobytesPerActiveCall);

    public static async Task<int> RunAsync(string[] args)
    {
        var variants = Options(args, "--variant").Select(Variant.Parse).DefaultIfEmpty(new Variant("as built", new Dictionary<string, string>())).ToList();
        var rounds = int.Parse(Options(args, "--rounds").LastOrDefault() ?? "1", CultureInfo.InvariantCulture);
        var phase = TimeSpan.FromSeconds(int.Parse(Options(args, "--phase").LastOrDefault() ?? "15", CultureInfo.InvariantCulture));
        var statementStats = args.Contains("--pg-stats");
        var webhooksOnly = args.Contains("--webhooks-only");
        const int activeCalls = 3_000;
        const int calls = 30_000;
        if (!Wrk.IsInstalled)
        {
            Console.Error.WriteLine("wrk is not installed (apt-get install -y wrk).");
            return 1;
        }

        var work = Directory.CreateTempSubdirectory("receptionist-memory-");
        try
        {
            await using var postgres = await PostgresServer.StartAsync(durable: true, statementStats ? StatementStats.ServerSettings : []);
            await using var emulator = await EmulatorApp.StartAsync(new EmulatorOptions { SigningKey = SiloProcess.SigningKey, OwnedNumbers = [WebhookStream.Number] });
            var webhookScript = Path.Combine(Option(args, "--baseline-dir") ?? SeedBaseline.DefaultDirectory, "webhooks.lua");
            var resultScript = await Wrk.WriteResultScriptAsync(work.FullName);
            var results = new List<Figures>();
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var variant in variants)
                {
                    results.Add(await MeasureAsync(variant, round, postgres, emulator, work.FullName, webhookScript, resultScript, phase, calls, activeCalls, statementStats, webhooksOnly));
                }
            }

            Console.WriteLine();
            Console.WriteLine($"{"variant",-28} {"round",5} {"conn",5} {"webhooks/s",10} {"p99 ms",8} {"CPU µs/webhook",15} {"PG µs/webhook",14} {"GC pause µs/wh",15} {"GCs/1000 wh",16} {"alloc KB/wh",12} {"load avg",16} {"KB/active call",15}");
            foreach (var figures in results)
            {
                foreach (var w in figures.Webhooks)
                {
                    Console.WriteLine(FormattableString.Invariant(
                        $"{figures.Variant,-28} {figures.Round,5} {w.Connections,5} {w.RequestsPerSecond,10:F0} {w.P99Ms,8:F1} {w.CpuMicrosecondsPerWebhook,15:F0} {w.DatabaseCpuMicrosecondsPerWebhook,14:F0} {w.GcPauseMicrosecondsPerWebhook,15:F0} {w.CollectionsPerThousandWebhooks,16} {w.AllocatedKilobytesPerWebhook,12:F1} {w.LoadAverage,16} {(w == figures.Webhooks[^1] ? figures.KilobytesPerActiveCall.ToString("F1", CultureInfo.InvariantCulture) : ""),15}"));
                }
            }

            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<Figures> MeasureAsync(Variant variant, int round, PostgresServer postgres, EmulatorHandle emulator, string work,
        string webhookScript, string resultScript, TimeSpan phase, int calls, int activeCalls, bool statementStats, bool webhooksOnly)
    {
        Console.WriteLine($"silo '{variant.Name}' (round {round}){string.Concat(variant.Environment.Select(e => $" {e.Key}={e.Value}"))}:");
        var database = await postgres.CreateDatabaseAsync($"memory_{round}_{Guid.NewGuid():N}");
        var stats = statementStats ? await StatementStats.InstallAsync(database) : null;
        await using var silo = StartWith(variant.Environment, () => SiloProcess.Start(BaselineComparison.SiloSettings("GroupCommit", database, emulator)));
        await silo.WaitUntilReadyAsync();
        var token = DevTokenIssuer.Issue(SiloProcess.JwtSecret, Tenant, [Permissions.PhoneNumbersCreate, Permissions.CallsRead, Permissions.SettingsWrite], lifetime: TimeSpan.FromHours(2));
        await BaselineComparison.PrepareTenantAsync(silo.BaseAddress, token);
        var target = silo.BaseAddress;
        var streams = new WebhookStreams(work, target);

        await BaselineComparison.WarmUpAsync(silo.ProcessId, target, token, webhookScript, resultScript, streams, smoke: false);
        var monitor = new ProcessMonitor(silo.ProcessId);
        var server = new ProcessMonitor(postgres.ServerProcessId);
        var webhooks = new List<WebhookFigures>();
        foreach (var connections in new[] { 32, 256 })
        {
            var stream = await streams.WriteAsync(calls);
            var gcBeforePhase = await GcMetricsAsync(target);
            await (stats?.ResetAsync() ?? Task.CompletedTask);
            var cpuBefore = monitor.CpuTime();
            var serverCpuBefore = server.CpuTimeWithChildren();
            var result = await Wrk.ReplayAsync("webhooks (5 per call)", target, webhookScript, stream, connections, phase);
            var cpu = monitor.CpuTime() - cpuBefore;
            var serverCpu = server.CpuTimeWithChildren() - serverCpuBefore;
            var gcAfterPhase = await GcMetricsAsync(target);
            var load = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            var requests = result.RequestsPerSecond * phase.TotalSeconds;
            double Delta(string name) => gcAfterPhase![name] - gcBeforePhase![name];
            var (pause, collections, allocated) = gcBeforePhase is null || gcAfterPhase is null
                ? ((double?)null, (string?)null, (double?)null)
                : (Delta(PauseSeconds) * 1e6 / requests,
                    string.Join('/', Generations.Select(g => (Delta(Collections(g)) * 1000 / requests).ToString("F1", CultureInfo.InvariantCulture))),
                    Delta(AllocatedBytes) / 1024 / requests);
            var figures = new WebhookFigures(connections, result.RequestsPerSecond, result.P99Ms, cpu.TotalMicroseconds / requests, serverCpu.TotalMicroseconds / requests,
                load, pause, collections, allocated);
            await (stats?.PrintAsync($"webhooks at {connections} connections", requests) ?? Task.CompletedTask);
            Console.WriteLine(FormattableString.Invariant(
                $"    silo CPU {figures.CpuMicrosecondsPerWebhook:F0} µs per webhook, PostgreSQL {figures.DatabaseCpuMicrosecondsPerWebhook:F0} µs; GC pause {pause:F0} µs per webhook, {allocated:F1} KB allocated per webhook, collections gen0/gen1/gen2 per 1000 webhooks {collections}; load average {load}"));
            webhooks.Add(figures);
        }

        if (webhooksOnly)
        {
            return new Figures(variant.Name, round, webhooks, double.NaN);
        }

        // The same order as the versus-baseline run: heap dump, then read phases (the dump's full GC shrinks the RSS;
        // allocation without retention restores the GC's steady state), then the active calls.
        var liveCall = new Uri(target, $"/api/signalwire/call/{WebhookStream.CallSid(target.ToString().TrimEnd('/'), 0)}");
        var heapBefore = await HeapDump.TakeAsync(silo.ProcessId, work, $"memory-{round}-before");
        await Wrk.GetAsync("live status read (JWT)", liveCall, token, resultScript, 32, TimeSpan.FromSeconds(10));
        await Wrk.GetAsync("/health/live", new Uri(target, "/health/live"), null, resultScript, 32, TimeSpan.FromSeconds(10));
        var gcBefore = await GcMetricsAsync(target);
        var perCall = await ActiveCallsStep.MeasureAsync(silo.ProcessId, target, await streams.WriteAsync(activeCalls, WebhookStream.Part.Unfinished), activeCalls);
        if (gcBefore is not null && await GcMetricsAsync(target) is { } gcAfter)
        {
            foreach (var (name, value) in gcAfter.Where(m => m.Key.Contains("bytes", StringComparison.Ordinal)))
            {
                Console.WriteLine(FormattableString.Invariant($"    {name}: {(gcBefore.TryGetValue(name, out var b) ? b : double.NaN) / 1048576:F1} -> {value / 1048576:F1} (M)"));
            }
        }

        if (heapBefore is not null && await HeapDump.TakeAsync(silo.ProcessId, work, $"memory-{round}-after") is { } heapAfter)
        {
            HeapDump.PrintGrowth(heapBefore, heapAfter, "Receptionist.Grains.Calls.CallGrain", top: 0);
        }

        return new Figures(variant.Name, round, webhooks, perCall);
    }

    /// <summary>
    /// The runtime's GC figures from the silo's Prometheus endpoint, when a variant turns it on
    /// (<c>Observability__PrometheusPath=/metrics</c>): what the RSS delta is made of.
    /// </summary>
    private static readonly string[] Generations = ["gen0", "gen1", "gen2"];

    private const string PauseSeconds = "dotnet_gc_pause_time_seconds_total{otel_scope_name=\"System.Runtime\"}";

    private const string AllocatedBytes = "dotnet_gc_heap_total_allocated_bytes_total{otel_scope_name=\"System.Runtime\"}";

    private static string Collections(string generation) =>
        $"dotnet_gc_collections_total{{otel_scope_name=\"System.Runtime\",gc_heap_generation=\"{generation}\"}}";

    private static async Task<Dictionary<string, double>?> GcMetricsAsync(Uri silo)
    {
        using var client = new HttpClient { BaseAddress = silo };
        using var response = await client.GetAsync("/metrics");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        return (await response.Content.ReadAsStringAsync()).Split('\n')
            .Where(line => line.StartsWith("dotnet_gc", StringComparison.Ordinal) || line.StartsWith("dotnet_process_memory", StringComparison.Ordinal))
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length >= 2 && double.TryParse(parts[1], CultureInfo.InvariantCulture, out _))
            .GroupBy(parts => parts[0])
            .ToDictionary(g => g.Key, g => double.Parse(g.First()[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Starts the silo with the variant's environment overrides (a child process inherits the environment).</summary>
    private static SiloProcess StartWith(IReadOnlyDictionary<string, string> environment, Func<SiloProcess> start)
    {
        var previous = environment.Keys.ToDictionary(key => key, System.Environment.GetEnvironmentVariable);
        foreach (var (key, value) in environment)
        {
            System.Environment.SetEnvironmentVariable(key, value);
        }

        try
        {
            return start();
        }
        finally
        {
            foreach (var (key, value) in previous)
            {
                System.Environment.SetEnvironmentVariable(key, value);
            }
        }
    }

    private static IEnumerable<string> Options(string[] args, string name) =>
        args.Select((arg, index) => (arg, index)).Where(a => a.arg == name && a.index + 1 < args.Length).Select(a => args[a.index + 1]);

    private static string? Option(string[] args, string name) => Options(args, name).LastOrDefault();
}
