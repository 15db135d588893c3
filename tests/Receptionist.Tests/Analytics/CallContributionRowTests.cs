using Npgsql;
using Receptionist.Grains.Analytics;
using Receptionist.Grains.Storage;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Infrastructure.Cluster;
using Receptionist.Tests.Storage;

namespace Receptionist.Tests.Analytics;

/// <summary>
/// A contribution written as a companion of its source's state (appended in the state's transaction, folded into the
/// ledger and rollups later) keeps the ledger's rules exactly as the batch path applies them: after every step a read
/// (which folds first) equals the in-memory store fed the same contributions, however folds of several silos interleave.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CallContributionRowTests(PostgresFixture postgres)
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    [Fact]
    public async Task Redeliveries_change_nothing_newer_versions_move_their_figures_and_stale_ones_are_ignored()
    {
        await using var storage = await GroupCommitHarness.StartAsync(await postgres.CreateDatabaseAsync("contributionrow"));
        var stored = new PostgresAnalyticsStore(storage.Data);
        var expected = new InMemoryAnalyticsStore();
        var grains = new Dictionary<string, StoredState<ProbeState>>();
        LedgerEntry[] steps =
        [
            Entry("CA1", 3, Monday, 0m, ["1", "3"]),
            Entry("CA2", 2, Monday, 0.01m, ["2"]),
            Entry("CA1", 3, Monday, 0m, ["1", "3"]), // re-delivered
            Entry("CA1", 5, Monday.AddDays(-1), 0.02m, ["1"]), // priced later; a late first event moved its day
            Entry("CA1", 4, Monday, 0.01m, []), // stale
            Entry("CA2", 2, Monday.AddDays(1), 0.01m, ["2"]), // the same version, counted on another day
            Entry("CA3", 1, Monday, 0m, []),
        ];

        foreach (var step in steps)
        {
            var sid = step.Contribution.Sid;
            var grain = GroupCommitHarness.Grain(sid);
            if (!grains.TryGetValue(sid, out var state))
            {
                grains[sid] = state = new StoredState<ProbeState>(storage.Storage, GroupCommitHarness.StateName, grain);
            }

            state.State.Count++;
            var row = new ContributionRow(step, _ => throw new InvalidOperationException("a joined companion is never written alone"));
            await storage.Companions.WriteStateAsync<ProbeState>(state, grain, GroupCommitHarness.StateName, [row]);
            await expected.ApplyAsync("t", [step]);

            Assert.Equal(Describe(await expected.LoadAsync("t")), Describe(await stored.LoadAsync("t")));
        }

        var final = await stored.LoadAsync("t");
        Assert.Equal([1L, 1L, 1L], [.. new[] { -1, 0, 1 }.Select(d => final.Rows.Where(r => r.Key.Day == Monday.AddDays(d)).Sum(r => r.Counts.CallsTotal))]);
    }

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
            LedgerEntry[] writes = [Entry(sid, 1, Monday, 0m, []), Entry(sid, 2, Monday.AddDays(i % 2), 0.01m * i, ["1"]), Entry(sid, 2, Monday.AddDays(i % 2), 0.01m * i, ["1"]), Entry(sid, 1, Monday, 0m, [])];
            foreach (var write in writes)
            {
                state.State.Count++;
                await storage.Companions.WriteStateAsync<ProbeState>(state, GroupCommitHarness.Grain(sid), GroupCommitHarness.StateName,
                    [new ContributionRow(write, _ => throw new InvalidOperationException("a joined companion is never written alone"))], cancellationToken);
                await expected.ApplyAsync("t", [write], cancellationToken);
            }
        });
        await writing.CancelAsync();
        await Task.WhenAll(folding);

        Assert.Equal(Describe(await expected.LoadAsync("t")), Describe(await silos[1].LoadAsync("t")));
        Assert.Equal(0L, await AppendedCountAsync(storage.Data));
        var rollups = await silos[0].LoadAsync("t");
        Assert.Equal(60L, rollups.Rows.Sum(r => r.Counts.CallsTotal));
    }

    private static async Task FoldUntilAsync(PostgresAnalyticsStore store, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await store.FoldAppendedAsync(CancellationToken.None);
            await Task.Yield();
        }
    }

    /// <summary>Contributions appended and not yet folded, of every tenant.</summary>
    internal static async Task<long> AppendedCountAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand("SELECT count(*) FROM analytics_appended");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every non-empty rollup row, in one order (a bucket emptied by a move may stay behind as zeros).</summary>
    private static string Describe(RollupSnapshot snapshot) => string.Join("\n",
        snapshot.Rows.Where(r => !r.Counts.IsZero || r.Cost != 0)
            .Select(r => $"{r.Key.Day} {r.Key.PhoneNumber} {r.Key.Currency} {r.Cost:0.#####} {string.Join(",", CountColumns.ToArray(r.Counts))}")
            .Concat(snapshot.IvrRows.Where(r => r.Taken != 0).Select(r => $"{r.Key.Day} {r.Key.PhoneNumber} ivr {r.Key.Choice} {r.Taken}"))
            .Order(StringComparer.Ordinal));

    private static LedgerEntry Entry(string sid, int version, DateOnly day, decimal cost, IReadOnlyList<string> ivr) => new(
        new AnalyticsContribution
        {
            Kind = ContributionKind.Call,
            Sid = sid,
            TenantId = "t",
            Version = version,
            OccurredAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero),
            PhoneNumber = "+15005550100",
            Counts = new AnalyticsCounts { CallsTotal = 1, CallsAnswered = 1, CallsInbound = 1, TalkSeconds = 40 },
            Cost = cost,
            Currency = cost == 0 ? "" : "USD",
            IvrChoices = ivr,
        },
        day);
}
