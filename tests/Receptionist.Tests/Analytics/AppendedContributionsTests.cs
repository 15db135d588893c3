using Npgsql;
using Receptionist.Grains.Analytics;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Infrastructure.Cluster;
using Receptionist.Tests.Storage;

namespace Receptionist.Tests.Analytics;

/// <summary>
/// Contributions that state writes append are folded into the ledger and rollups by whichever silo gets there first,
/// in the background and before every read; however the folds interleave, each contribution counts exactly once and a
/// read counts every acknowledged one.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AppendedContributionsTests(PostgresFixture postgres)
{
    private const string Tenant = "fold-co";
    private const string TenantNumber = "+15005550300";
    private static readonly DateOnly Monday = new(2026, 3, 2);

    [Fact]
    public async Task Folds_of_several_silos_racing_each_other_and_the_writes_count_every_contribution_once()
    {
        await using var storage = await GroupCommitHarness.StartAsync(await postgres.CreateDatabaseAsync("appendedfold"));
        await using var otherSilo = NpgsqlDataSource.Create(storage.Data.ConnectionString);
        PostgresAnalyticsStore[] silos = [new(storage.Data), new(otherSilo)];
        var expected = new InMemoryAnalyticsStore();

        // 60 calls, each written four times (its last write re-delivered, a stale copy after it), while both silos fold.
        using var writing = new CancellationTokenSource();
        var folding = silos.Select(s => FoldUntilAsync(s, writing.Token)).ToList();
        await Parallel.ForEachAsync(Enumerable.Range(0, 60), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            var sid = $"CA{i}";
            var state = new StoredState<ProbeState>(storage.Storage, GroupCommitHarness.StateName, GroupCommitHarness.Grain(sid));
            LedgerEntry[] writes = [Entry(sid, 1, Monday, 0m), Entry(sid, 2, Monday.AddDays(i % 2), 0.01m * i), Entry(sid, 2, Monday.AddDays(i % 2), 0.01m * i), Entry(sid, 1, Monday, 0m)];
            foreach (var write in writes)
            {
                state.State.Count++;
                await storage.Companions.WriteStateAsync<ProbeState>(state, GroupCommitHarness.Grain(sid), GroupCommitHarness.StateName,
                    [new ContributionRow(write, _ => throw new InvalidOperationException("a joined companion is never written alone"))], cancellationToken);
                await expected.ApplyAsync(Tenant, [write], cancellationToken);
            }
        });
        await writing.CancelAsync();
        await Task.WhenAll(folding);

        Assert.Equal(Describe(await expected.LoadAsync(Tenant)), Describe(await silos[1].LoadAsync(Tenant)));
        Assert.Equal(0L, await AppendedCountAsync(storage.Data));
        var rollups = await silos[0].LoadAsync(Tenant);
        Assert.Equal(60L, rollups.Rows.Sum(r => r.Counts.CallsTotal));
    }

    [Fact]
    public async Task Without_any_read_a_silo_folds_what_calls_appended_into_the_rollups_within_its_interval()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "appendedbackground", silos: 2,
            new Dictionary<string, string?> { ["Analytics:FoldInterval"] = "00:00:00.200" });
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        var calls = Enumerable.Range(0, 6).Select(i => CallScenario.Create(i % 3, Guid.NewGuid().ToString(), TenantNumber, i)).ToList();
        foreach (var (call, i) in calls.Select((c, i) => (c, i)))
        {
            foreach (var (path, form) in call.Webhooks)
            {
                await cluster[i % 2].PostAcceptedAsync(path, form);
            }
        }

        await using var data = NpgsqlDataSource.Create(cluster.ConnectionString);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await AppendedCountAsync(data) > 0 || await RolledUpCallsAsync(data) < calls.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the appended contributions were not folded");
            await Task.Delay(50);
        }

        Assert.Equal(calls.Count, await RolledUpCallsAsync(data));
        Assert.Equal(calls.Count, (long)(await cluster[1].GetAnalyticsAsync(Tenant, $"from={AnalyticsCalls.Day(DateOnly.FromDateTime(CallScenario.Epoch.UtcDateTime))}"))["calls"]!["total"]!);
    }

    private static async Task FoldUntilAsync(PostgresAnalyticsStore store, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await store.FoldAppendedAsync(CancellationToken.None);
            await Task.Yield();
        }
    }

    private static async Task<long> AppendedCountAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand("SELECT count(*) FROM analytics_appended");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> RolledUpCallsAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand("SELECT coalesce(sum(calls_total), 0)::bigint FROM analytics_rollup WHERE tenant_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Tenant });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static string Describe(RollupSnapshot snapshot) => string.Join("\n",
        snapshot.Rows.Where(r => !r.Counts.IsZero || r.Cost != 0)
            .Select(r => $"{r.Key.Day} {r.Key.PhoneNumber} {r.Key.Currency} {r.Cost:0.#####} {string.Join(",", CountColumns.ToArray(r.Counts))}")
            .Order(StringComparer.Ordinal));

    private static LedgerEntry Entry(string sid, int version, DateOnly day, decimal cost) => new(
        new AnalyticsContribution
        {
            Kind = ContributionKind.Call,
            Sid = sid,
            TenantId = Tenant,
            Version = version,
            OccurredAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
            PhoneNumber = TenantNumber,
            Counts = new AnalyticsCounts { CallsTotal = 1, CallsAnswered = 1, CallsInbound = 1, TalkSeconds = 40 },
            Cost = cost,
            Currency = cost == 0 ? "" : "USD",
        },
        day);
}
