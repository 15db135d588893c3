using Receptionist.Grains.Analytics;

namespace Receptionist.Tests.Analytics;

/// <summary>The ledger rules both stores share, without a database; and the same rules through the in-memory store.</summary>
public sealed class ContributionChangesTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    [Fact]
    public async Task A_redelivery_changes_nothing_a_newer_version_moves_its_figures_and_a_stale_one_is_ignored()
    {
        var store = new InMemoryAnalyticsStore();
        var first = Entry("CA1", version: 3, Monday, cost: 0m);
        await store.ApplyAsync("t", [first]);
        Assert.Empty((await store.ApplyAsync("t", [first, first])).Rows);

        // Priced later, and a late first event moved its start to the previous day.
        var corrected = Entry("CA1", version: 5, Monday.AddDays(-1), cost: 0.02m);
        var changed = await store.ApplyAsync("t", [corrected, Entry("CA1", version: 4, Monday, cost: 0.01m)]);
        Assert.Equal(2, changed.Rows.Count);

        Assert.Empty((await store.ApplyAsync("t", [first])).Rows);
        var rows = (await store.LoadAsync("t")).Rows.Where(r => r.Counts.CallsTotal != 0).ToList();
        var row = Assert.Single(rows);
        Assert.Equal((Monday.AddDays(-1), 1L, 0.02m, "USD"), (row.Key.Day, row.Counts.CallsAnswered, row.Cost, row.Key.Currency));
        Assert.Equal(0, (await store.LoadAsync("t")).Rows.Single(r => r.Key.Day == Monday).Counts.CallsTotal);
        Assert.Empty((await store.LoadAsync("other")).Rows);
    }

    [Fact]
    public void The_same_version_counted_on_another_day_moves_and_ivr_choices_follow_their_call()
    {
        var stored = Entry("CA1", version: 2, Monday, cost: 0m, ivr: ["1", "3"]);
        var moved = stored with { Day = Monday.AddDays(1) };
        var changes = ContributionChanges.Compute([moved], new Dictionary<(ContributionKind, string), LedgerEntry> { [stored.Key] = stored });
        Assert.Equal(-1, changes.Rollups[new RollupKey(Monday, "+15005550100", "")].Counts.CallsTotal);
        Assert.Equal(1, changes.Rollups[new RollupKey(Monday.AddDays(1), "+15005550100", "")].Counts.CallsTotal);
        Assert.Equal(-1, changes.Ivr[new IvrRollupKey(Monday, "+15005550100", "3")]);
        Assert.Equal(1, changes.Ivr[new IvrRollupKey(Monday.AddDays(1), "+15005550100", "1")]);
    }

    private static LedgerEntry Entry(string sid, int version, DateOnly day, decimal cost, IReadOnlyList<string>? ivr = null) => new(
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
            IvrChoices = ivr ?? [],
        },
        day);
}
