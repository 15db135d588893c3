using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;

namespace Receptionist.Benchmarks;

/// <summary>
/// Receptionist beside the seed-style baseline, in one run on one PostgreSQL (fsync on), each system on a fresh
/// database, driven by the same pre-signed webhook stream with <c>wrk -t2</c> (the method of the baseline's README).
/// Per silo (one per grain storage provider asked for): webhooks at 32 and 256 connections, each concurrency measured
/// silo, baseline, baseline, silo (<see cref="BaselineBeside"/>); entry webhooks (call flow configured) against status
/// callbacks, live status reads against <c>/health/live</c>, and memory per active call.
/// The baseline runs only where node is installed; everything else needs only wrk.
/// </summary>
public static class BaselineComparison
{
    private const string Tenant = "acme";
    private static readonly int[] Concurrencies = [32, 256];
    private static readonly string[] HoursKeywords = ["hours"];
    private const int WarmUpCalls = 3_000;
    private static readonly TimeSpan WarmUpStep = TimeSpan.FromSeconds(3);

    /// <param name="Webhooks">The silo's, per concurrency (its two phases pooled when the baseline ran beside it).</param>
    /// <param name="Baseline">The baseline's, measured between the silo's two phases; null without node.</param>
    public sealed record SiloFigures(string Storage, List<WrkResult> Webhooks, List<WrkResult>? Baseline, WrkResult Entry, WrkResult Status, WrkResult LiveRead, WrkResult HealthLive, double KilobytesPerActiveCall, int ActiveCalls, SteadyState.WarmUp WarmUp);

    public static async Task<int> RunAsync(string[] args)
    {
        var smoke = args.Contains("--smoke");
        var storages = Option(args, "--storage") is { } chosen ? chosen.Split(',') : smoke ? ["GroupCommit"] : ["GroupCommit", "AdoNet"];
        var baselineDirectory = Option(args, "--baseline-dir") ?? SeedBaseline.DefaultDirectory;
        var statementStats = args.Contains("--pg-stats");
        var phase = TimeSpan.FromSeconds(smoke ? 2 : 15);
        var shortPhase = TimeSpan.FromSeconds(smoke ? 2 : 10);
        var calls = smoke ? 2_000 : 30_000;
        var activeCalls = smoke ? 200 : 3_000;
        if (!Wrk.IsInstalled)
        {
            Console.Error.WriteLine("wrk is not installed (apt-get install -y wrk); the baseline comparison needs it.");
            return 1;
        }

        var work = Directory.CreateTempSubdirectory("receptionist-baseline-");
        try
        {
            Console.WriteLine("starting PostgreSQL (fsync on) and the SignalWire emulator...");
            await using var postgres = await PostgresServer.StartAsync(durable: true, statementStats ? StatementStats.ServerSettings : []);
            await using var emulator = await EmulatorApp.StartAsync(new EmulatorOptions { SigningKey = SiloProcess.SigningKey, OwnedNumbers = [WebhookStream.Number] });
            var resultScript = await Wrk.WriteResultScriptAsync(work.FullName);
            var webhookScript = Path.Combine(baselineDirectory, "webhooks.lua");
            if (!File.Exists(webhookScript))
            {
                Console.Error.WriteLine($"{webhookScript} not found; pass --baseline-dir.");
                return 1;
            }

            using var baseline = SeedBaseline.CanRun
                ? await SeedBaseline.StartAsync(baselineDirectory, work.FullName, await postgres.CreateDatabaseAsync("seed_baseline"), SiloProcess.SigningKey)
                : null;
            if (baseline is null)
            {
                Console.WriteLine("node/npm not found: the seed-style baseline is skipped (ratios need it).");
            }

            var beside = baseline is null ? null : new BaselineBeside(baseline, new WebhookStreams(work.FullName, baseline.BaseAddress), webhookScript);
            var silos = new List<SiloFigures>();
            foreach (var storage in storages)
            {
                silos.Add(await MeasureSiloAsync(storage, postgres, emulator, work.FullName, webhookScript, resultScript, phase, shortPhase, calls, activeCalls, smoke, statementStats, beside));
            }

            Print(silos, phase);
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<SiloFigures> MeasureSiloAsync(string storage, PostgresServer postgres, EmulatorHandle emulator, string work,
        string webhookScript, string resultScript, TimeSpan phase, TimeSpan shortPhase, int calls, int activeCalls, bool smoke, bool statementStats,
        BaselineBeside? beside)
    {
        Console.WriteLine($"Receptionist, 1 silo, grain storage {storage}:");
        var database = await postgres.CreateDatabaseAsync($"silo_{storage.ToLowerInvariant()}");
        var stats = statementStats ? await StatementStats.InstallAsync(database) : null;
        await using var silo = SiloProcess.Start(SiloSettings(storage, database, emulator));
        await silo.WaitUntilReadyAsync();
        var token = DevTokenIssuer.Issue(SiloProcess.JwtSecret, Tenant,
            [Permissions.PhoneNumbersCreate, Permissions.CallsRead, Permissions.SettingsWrite], lifetime: TimeSpan.FromHours(2));
        await PrepareTenantAsync(silo.BaseAddress, token);

        var target = silo.BaseAddress;
        var streams = new WebhookStreams(work, target);

        var warmUp = await WarmUpAsync(silo.ProcessId, target, token, webhookScript, resultScript, streams, smoke);
        await (beside?.WarmUpAsync(Concurrencies, warmUp.Rounds, smoke ? 500 : WarmUpCalls, smoke ? TimeSpan.FromSeconds(1) : WarmUpStep) ?? Task.CompletedTask);
        var webhooks = new List<WrkResult>();
        var baselineWebhooks = beside is null ? null : new List<WrkResult>();
        foreach (var connections in Concurrencies)
        {
            var stream = await streams.WriteAsync(calls);
            await (stats?.ResetAsync() ?? Task.CompletedTask);
            var first = await Wrk.ReplayAsync("webhooks (5 per call)", target, webhookScript, stream, connections, phase);
            await (stats?.PrintAsync($"webhooks at {connections} connections (the first phase)", first.RequestsPerSecond * phase.TotalSeconds) ?? Task.CompletedTask);
            if (beside is null)
            {
                webhooks.Add(first);
                continue;
            }

            var theirs = await beside.ReplayAsync(connections, calls, phase);
            var theirsAgain = await beside.ReplayAsync(connections, calls, phase);
            var again = await Wrk.ReplayAsync("webhooks (5 per call)", target, webhookScript, await streams.WriteAsync(calls), connections, phase);
            webhooks.Add(BaselineBeside.Pooled(first, again));
            baselineWebhooks!.Add(BaselineBeside.Pooled(theirs, theirsAgain));
        }

        var entryFirst = streams.Next;
        var entry = await Wrk.ReplayAsync("entry webhooks (call flow configured)", target, webhookScript, await streams.WriteAsync(calls, WebhookStream.Part.EntryOnly), 32, shortPhase);
        var status = await Wrk.ReplayAsync("status callbacks", target, webhookScript,
            await WebhookStream.WriteAsync(work, target, SiloProcess.SigningKey, entryFirst, calls, WebhookStream.Part.StatusOnly), 32, shortPhase);

        // The heap before the active calls is dumped here, not right before them: the dump's full GC would shrink the
        // RSS the step's delta starts from; the read phases below restore the GC's steady state in between.
        var heapBefore = await HeapDump.TakeAsync(silo.ProcessId, work, $"{storage}-before-active-calls");
        var liveCall = new Uri(target, $"/api/signalwire/call/{WebhookStream.CallSid(target.ToString().TrimEnd('/'), entryFirst)}");
        // The silo's CPU time per request beside the rates: it hardly depends on what else loads the machine.
        var cpu = new ProcessMonitor(silo.ProcessId);
        var readStarted = cpu.CpuTime();
        var read = await Wrk.GetAsync("live status read (JWT)", liveCall, token, resultScript, 32, shortPhase);
        var healthStarted = cpu.CpuTime();
        var health = await Wrk.GetAsync("/health/live", new Uri(target, "/health/live"), null, resultScript, 32, shortPhase);
        double Microseconds(TimeSpan spent, WrkResult phase) => spent.TotalMicroseconds / (phase.RequestsPerSecond * shortPhase.TotalSeconds);
        var readCpu = Microseconds(healthStarted - readStarted, read);
        var healthCpu = Microseconds(cpu.CpuTime() - healthStarted, health);
        Console.WriteLine(FormattableString.Invariant(
            $"  silo CPU per request: live status read {readCpu:F1} µs, /health/live {healthCpu:F1} µs ({readCpu / healthCpu:F2}×; load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3])})"));

        // Calls left ringing/in progress stay active grains; RSS before and after, as the growth run measures it.
        var perCall = await ActiveCallsStep.MeasureAsync(silo.ProcessId, target, await streams.WriteAsync(activeCalls, WebhookStream.Part.Unfinished), activeCalls);
        if (heapBefore is not null && await HeapDump.TakeAsync(silo.ProcessId, work, $"{storage}-after-active-calls") is { } heapAfter)
        {
            HeapDump.PrintGrowth(heapBefore, heapAfter, "Receptionist.Grains.Calls.CallGrain");
        }
        return new SiloFigures(storage, webhooks, baselineWebhooks, entry, status, read, health, perCall, activeCalls, warmUp);
    }

    /// <summary>
    /// Rounds of every kind of request measured after it (webhooks at both concurrencies, a live read, the health probe)
    /// until the silo's JIT has settled (<see cref="SteadyState"/>); also fills pools and activates the tenant's grains.
    /// </summary>
    internal static async Task<SteadyState.WarmUp> WarmUpAsync(int processId, Uri target, string token, string webhookScript, string resultScript,
        WebhookStreams streams, bool smoke)
    {
        var step = smoke ? TimeSpan.FromSeconds(1) : WarmUpStep;
        var liveCall = new Uri(target, $"/api/signalwire/call/{WebhookStream.CallSid(target.ToString().TrimEnd('/'), 0)}");
        var warmUp = await SteadyState.WarmUpAsync(processId, async round =>
        {
            foreach (var connections in Concurrencies)
            {
                await Wrk.ReplayAsync("warm-up", target, webhookScript, await streams.WriteAsync(smoke ? 500 : WarmUpCalls), connections, step);
            }

            await Wrk.GetAsync("warm-up", liveCall, token, resultScript, 32, step);
            await Wrk.GetAsync("warm-up", new Uri(target, "/health/live"), null, resultScript, 32, step);
        }, maximumRounds: smoke ? 1 : 12);
        Console.WriteLine(FormattableString.Invariant(
            $"  warm-up: {warmUp.Rounds} rounds, {warmUp.Duration.TotalSeconds:F0} s{(warmUp.Settled ? "" : " (the JIT had not settled: figures include compiling)")}"));
        return warmUp;
    }

    /// <summary>The configuration every measured silo runs with: its own database and cluster, the emulator, no rate limit.</summary>
    internal static Dictionary<string, string> SiloSettings(string storage, string database, EmulatorHandle emulator) => new()
    {
        ["ConnectionStrings:Postgres"] = database,
        ["Orleans:ClusterId"] = $"baseline-{storage}",
        ["GrainStorage:Provider"] = storage,
        ["SignalWire:SpaceUrl"] = emulator.BaseAddress.ToString().TrimEnd('/'),
        ["SignalWire:ProjectId"] = emulator.Options.ProjectId,
        ["SignalWire:Token"] = emulator.Options.Token,
        ["RateLimiting:PermitsPerSecond"] = "1000000",
        ["RateLimiting:Burst"] = "1000000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    internal static async Task PrepareTenantAsync(Uri silo, string token)
    {
        using var client = new HttpClient { BaseAddress = silo };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await client.PostAsJsonAsync("/api/signalwire/phone-numbers", new { phoneNumber = WebhookStream.Number })).EnsureSuccessStatusCode();
        var settings = await client.PutAsJsonAsync("/api/tenant/settings", new
        {
            businessName = "Acme",
            timeZone = "America/New_York",
            callFlow = new
            {
                greeting = "Thanks for calling Acme.",
                menuPrompt = "For opening hours press 1.",
                options = new object[] { new { digit = "1", keywords = HoursKeywords, action = new { kind = "say", message = "We are open nine to five." } } },
            },
        });
        if (!settings.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"configuring the call flow failed: {(int)settings.StatusCode} {await settings.Content.ReadAsStringAsync()}");
        }
    }

    private static void Print(List<SiloFigures> silos, TimeSpan phase)
    {
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"{Environment.ProcessorCount} cores; one PostgreSQL (fsync on), fresh database per system; each warmed up (rounds until the silo's JIT settles; the baseline as many rounds); wrk -t2, {phase.TotalSeconds:F0} s per phase; 5 signed webhooks per call"));
        Console.WriteLine("each concurrency measured silo, baseline, baseline, silo: each system's two phases pooled (mean rate, the worse p99)");
        Console.WriteLine($"{"connections",11} | {"seed-style baseline",22} | {"Receptionist (storage)",34} | {"ratio",5}");
        foreach (var (connections, index) in Concurrencies.Select((c, i) => (c, i)))
        {
            foreach (var silo in silos)
            {
                var ours = silo.Webhooks[index];
                var theirs = silo.Baseline?[index];
                Console.WriteLine(FormattableString.Invariant(
                    $"{connections,11} | {(theirs is null ? "n/a" : $"{theirs.RequestsPerSecond:F0}/s p99 {theirs.P99Ms:F0} ms"),22} | {$"{ours.RequestsPerSecond:F0}/s p99 {ours.P99Ms:F0} ms ({silo.Storage})",34} | {(theirs is null ? "n/a" : (ours.RequestsPerSecond / theirs.RequestsPerSecond).ToString("F2", CultureInfo.InvariantCulture)),5}"));
            }
        }

        foreach (var silo in silos)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"{silo.Storage}: warm-up {silo.WarmUp.Rounds} rounds ({silo.WarmUp.Duration.TotalSeconds:F0} s{(silo.WarmUp.Settled ? ", JIT settled" : ", JIT NOT settled")}); entry (call flow) {silo.Entry.RequestsPerSecond:F0}/s vs status callbacks {silo.Status.RequestsPerSecond:F0}/s = {silo.Entry.RequestsPerSecond / silo.Status.RequestsPerSecond:P0}; live status reads {silo.LiveRead.RequestsPerSecond:F0}/s vs /health/live {silo.HealthLive.RequestsPerSecond:F0}/s = {silo.LiveRead.RequestsPerSecond / silo.HealthLive.RequestsPerSecond:P0}; {silo.KilobytesPerActiveCall:F1} KB per active call ({silo.ActiveCalls} calls)"));
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
