using Npgsql;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Analytics;

/// <summary>
/// Contributions that state writes append reach the rollups without anyone reading them: every silo folds them in the
/// background (reads fold first as well; <see cref="CallContributionRowTests"/>).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AnalyticsFoldingTests(PostgresFixture postgres)
{
    private const string Tenant = "fold-co";
    private const string TenantNumber = "+15005550300";

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
        while (await CallContributionRowTests.AppendedCountAsync(data) > 0 || await RolledUpCallsAsync(data) < calls.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the appended contributions were not folded");
            await Task.Delay(50);
        }

        Assert.Equal(calls.Count, await RolledUpCallsAsync(data));
        Assert.Equal(calls.Count, (long)(await cluster[1].GetAnalyticsAsync(Tenant, $"from={AnalyticsCalls.Day(DateOnly.FromDateTime(CallScenario.Epoch.UtcDateTime))}"))["calls"]!["total"]!);
    }

    private static async Task<long> RolledUpCallsAsync(NpgsqlDataSource data)
    {
        await using var command = data.CreateCommand("SELECT coalesce(sum(calls_total), 0)::bigint FROM analytics_rollup WHERE tenant_id = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Tenant });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
