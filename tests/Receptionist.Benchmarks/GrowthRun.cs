using Npgsql;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Benchmarks;

/// <summary>
/// How cost grows with stored calls: at each size, webhook throughput, analytics read p50 and the silo's RSS; then the
/// memory one more answered (active) call grain costs. Calls are stored by driving whole signed calls; the last step of
/// a run may bulk-seed the remaining rows straight into the tables that grow with calls (see <see cref="SeedAsync"/>).
/// </summary>
public static class GrowthRun
{
    /// <summary>One size to reach; <paramref name="Seeded"/>: rows missing past the real calls are bulk-inserted.</summary>
    private sealed record Step(int Calls, bool Seeded);

    public static async Task<IReadOnlyList<GrowthFigures>> ExecuteAsync(HttpClient client, Uri target, IReadOnlyList<TenantLine> lines,
        string connectionString, BenchmarkSettings settings, ProcessMonitor monitor)
    {
        Step[] steps = settings.Smoke ? [new(200, false), new(1_000, true)] : [new(1_000, false), new(10_000, false), new(100_000, true)];
        var webhookWindow = TimeSpan.FromSeconds(settings.Smoke ? 2 : 5);
        var analyticsWindow = TimeSpan.FromSeconds(settings.Smoke ? 1 : 3);
        var activeCalls = settings.Smoke ? 500 : 5_000;

        await using var database = NpgsqlDataSource.Create(connectionString);
        var traffic = new CallTraffic(SiloProcess.SigningKey, lines);
        var figures = new List<GrowthFigures>();
        // The silo is fresh: JIT both paths and activate the tenants' analytics so the first size is less of a cold start.
        // The warm-up calls count towards the first size (they are stored calls like any other).
        var warmUp = TimeSpan.FromSeconds(settings.Smoke ? 0.5 : 2);
        await LoadDriver.RunAsync("growth warm-up", client, settings.Concurrency, warmUp, BenchmarkRun.WholeCalls(traffic, target, hangUp: true));
        await LoadDriver.RunAsync("growth warm-up", client, settings.Concurrency, warmUp, AnalyticsRead(target, lines));
        foreach (var step in steps)
        {
            var stored = await StoredCallsAsync(database);
            var seeded = 0;
            if (step.Seeded)
            {
                seeded = await SeedAsync(database, step.Calls - stored);
                Console.WriteLine($"  {step.Calls} calls: {stored} stored by real calls, {seeded} call-log and analytics-ledger rows bulk-seeded (no grain state)");
            }
            else if (stored < step.Calls)
            {
                await DriveCallsAsync(client, settings.Concurrency, step.Calls - stored, BenchmarkRun.WholeCalls(traffic, target, hangUp: true));
            }

            stored = await StoredCallsAsync(database);
            var webhooks = await LoadDriver.RunAsync($"growth webhooks {step.Calls}", client, settings.Concurrency, webhookWindow,
                BenchmarkRun.WholeCalls(traffic, target, hangUp: true), monitor);
            var analytics = await LoadDriver.RunAsync($"growth analytics {step.Calls}", client, settings.Concurrency, analyticsWindow,
                AnalyticsRead(target, lines), monitor);
            var row = new GrowthFigures(stored, seeded, webhooks.Routes.Sum(r => r.RequestsPerSecond), analytics.Routes.Single().P50Ms,
                monitor.ResidentMegabytes(), KilobytesPerActiveCall: null);
            Console.WriteLine(FormattableString.Invariant(
                $"  {row.CallsStored} calls stored: {row.WebhooksPerSecond:F0} webhooks/s, analytics p50 {row.AnalyticsP50Ms:F2} ms, RSS {row.ResidentMegabytes:F0} MB"));
            figures.Add(row);
        }

        // Answered calls that never hang up stay active grains; RSS before and after is approximate (the silo's GC runs
        // when it likes; nothing is forced), so the figure is an order of magnitude, not a byte count.
        var before = monitor.ResidentMegabytes();
        await DriveCallsAsync(client, settings.Concurrency, activeCalls, BenchmarkRun.WholeCalls(traffic, target, hangUp: false));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = monitor.ResidentMegabytes();
        var active = traffic.ActiveCalls.Count;
        var perCall = active == 0 ? (double?)null : (after - before) * 1024 / active;
        Console.WriteLine(FormattableString.Invariant($"  {active} active calls: RSS {before:F0} MB → {after:F0} MB, {perCall:F1} KB each"));
        figures[^1] = figures[^1] with { KilobytesPerActiveCall = perCall, ActiveCalls = active };
        return figures;
    }

    private static WorkloadStep AnalyticsRead(Uri target, IReadOnlyList<TenantLine> lines) =>
        (http, recorder, worker, cancellationToken) => BenchmarkRun.Get(http, recorder, "GET analytics?groupBy=day",
            new Uri(target, "/api/signalwire/analytics?groupBy=day"), lines[Random.Shared.Next(lines.Count)].Token, cancellationToken);

    /// <summary>Sends exactly <paramref name="calls"/> whole calls as fast as the silo takes them.</summary>
    private static async Task DriveCallsAsync(HttpClient client, int concurrency, int calls, WorkloadStep call)
    {
        var remaining = calls;
        var recorder = new LatencyRecorder();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            while (Interlocked.Decrement(ref remaining) >= 0)
            {
                await call(client, recorder, worker, CancellationToken.None);
            }
        })));
    }

    private static async Task<int> StoredCallsAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM receptionist_call_log");
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Copies the real calls' call-log and analytics-ledger rows (tenants, numbers, statuses) into <paramref name="count"/>
    /// new ones spread over the past year, so the list and ledger queries and their indexes face that many rows. Neither
    /// grain state nor the rollups are seeded: analytics reads are served from the tenant grain's rollups, which grow with
    /// days × numbers, not with calls.
    /// </summary>
    private static async Task<int> SeedAsync(NpgsqlDataSource database, int count)
    {
        if (count <= 0)
        {
            return 0;
        }

        // A join on an expression of g alone, so PostgreSQL hashes the template instead of scanning it per generated row.
        await using var batch = database.CreateBatch();
        batch.Timeout = 120;
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            WITH template AS MATERIALIZED (SELECT *, (row_number() OVER (ORDER BY call_sid)) - 1 AS i FROM receptionist_call_log)
            INSERT INTO receptionist_call_log (call_sid, tenant_id, direction, status, from_number, to_number, created_at, rang_at,
                answered_at, ended_at, duration_seconds, price, price_unit, answered_by, version)
            SELECT 'seed-' || g, t.tenant_id, t.direction, t.status, t.from_number, t.to_number, t.created_at - g * interval '5 minutes',
                t.rang_at - g * interval '5 minutes', t.answered_at - g * interval '5 minutes', t.ended_at - g * interval '5 minutes',
                t.duration_seconds, t.price, t.price_unit, t.answered_by, t.version
            FROM generate_series(1, $1) AS g JOIN template t ON t.i = g % (SELECT count(*) FROM template)
            """) { Parameters = { new NpgsqlParameter<int> { TypedValue = count } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            WITH template AS MATERIALIZED (SELECT *, (row_number() OVER (ORDER BY sid)) - 1 AS i FROM analytics_contribution WHERE kind = (
                SELECT kind FROM analytics_contribution GROUP BY kind ORDER BY count(*) DESC LIMIT 1))
            INSERT INTO analytics_contribution (tenant_id, kind, sid, version, occurred_at, bucket_day, phone_number, currency, cost,
                calls_total, calls_answered, calls_missed, calls_failed, calls_inbound, calls_outbound, talk_seconds,
                sms_sent, sms_received, sms_delivered, sms_failed, ivr_choices)
            SELECT t.tenant_id, t.kind, 'seed-' || g, t.version, t.occurred_at - g * interval '5 minutes',
                (t.occurred_at - g * interval '5 minutes')::date, t.phone_number, t.currency, t.cost,
                t.calls_total, t.calls_answered, t.calls_missed, t.calls_failed, t.calls_inbound, t.calls_outbound, t.talk_seconds,
                t.sms_sent, t.sms_received, t.sms_delivered, t.sms_failed, t.ivr_choices
            FROM generate_series(1, $1) AS g JOIN template t ON t.i = g % (SELECT count(*) FROM template)
            """) { Parameters = { new NpgsqlParameter<int> { TypedValue = count } } });
        await batch.ExecuteNonQueryAsync();
        await using var analyze = database.CreateCommand("ANALYZE receptionist_call_log; ANALYZE analytics_contribution");
        await analyze.ExecuteNonQueryAsync();
        return count;
    }
}
