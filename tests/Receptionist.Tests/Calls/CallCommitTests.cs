using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Storage;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Storage;

namespace Receptionist.Tests.Calls;

/// <summary>
/// A webhook waits for one durable commit: the call's state, its call-log row and its analytics contribution are
/// written by one transaction (rows written by one transaction share their <c>xmin</c>), so none of them can lag or
/// outlive the others, whatever happens to the silo in between.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CallCommitTests(PostgresFixture postgres)
{
    private const string Tenant = "acme";
    private const string TenantNumber = "+15005550100";

    [Fact]
    public async Task Each_webhook_writes_the_calls_state_log_row_and_analytics_contribution_in_one_transaction()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callcommit", silos: 1);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        await using var data = NpgsqlDataSource.Create(cluster.ConnectionString);
        // Answered and priced; its recording's callbacks come after it ended, so three webhooks carry a contribution.
        var call = CallScenario.Create(0, Guid.NewGuid().ToString(), TenantNumber, 0);
        var webhooks = call.Webhooks.ToList();
        webhooks.Insert(2, webhooks[^1]);
        webhooks.RemoveAt(webhooks.Count - 1);

        var contributionTransactions = new List<string>();
        foreach (var (path, form) in webhooks)
        {
            await cluster[0].PostAcceptedAsync(path, form);
            var logRow = await ScalarAsync(data, "SELECT xmin::text FROM receptionist_call_log WHERE call_sid = $1", call.CallSid);
            Assert.NotNull(logRow);
            Assert.Equal("1", await ScalarAsync(data, "SELECT count(*)::text FROM OrleansStorage WHERE xmin::text = $1", logRow));
            if (await ScalarAsync(data, "SELECT xmin::text FROM analytics_contribution WHERE sid = $1", call.CallSid) is { } contribution)
            {
                contributionTransactions.Add(contribution);
                Assert.Equal(logRow, contribution);
            }
        }

        Assert.Equal(3, contributionTransactions.Distinct().Count());
    }

    [Fact]
    public async Task Rows_another_feature_attaches_to_a_calls_writes_commit_in_the_same_transaction()
    {
        var database = await postgres.CreateDatabaseAsync("callextension");
        await using var data = NpgsqlDataSource.Create(database);
        await using (var create = data.CreateCommand(CompanionRow.CreateTable))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using var silo = await TestSilo.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = database },
            configureBuilder: builder => builder.Services.AddSingleton<ICallCommitCompanions>(new StatusChangeRows(data)));
        await CallLifecycleTests.AssignAsync(silo, Tenant, TenantNumber);
        var call = CallScenario.Create(1, Guid.NewGuid().ToString(), TenantNumber, 0); // ringing, no-answer

        foreach (var (path, form) in call.Webhooks)
        {
            await silo.PostAcceptedAsync(path, form);
            var logRow = await ScalarAsync(data, "SELECT xmin::text FROM receptionist_call_log WHERE call_sid = $1", call.CallSid);
            var status = await ScalarAsync(data, "SELECT status FROM receptionist_call_log WHERE call_sid = $1", call.CallSid);
            var rows = await CompanionRow.ReadAllAsync(data);
            Assert.Equal((status, logRow), rows[$"{call.CallSid}/{status}"]);
        }

        Assert.Equal(2, (await CompanionRow.ReadAllAsync(data)).Count);
    }

    /// <summary>What an outbox would attach: one row per status the call reaches.</summary>
    private sealed class StatusChangeRows(NpgsqlDataSource data) : ICallCommitCompanions
    {
        public ValueTask<IReadOnlyList<ICommitCompanion>> ForAsync(CallDetails? before, CallDetails after) =>
            ValueTask.FromResult<IReadOnlyList<ICommitCompanion>>(before?.Summary.Status == after.Summary.Status
                ? []
                : [new CompanionRow(data, $"{after.Summary.CallSid}/{after.Summary.Status.ToWire()}", after.Summary.Status.ToWire())]);
    }

    private static async Task<string?> ScalarAsync(NpgsqlDataSource data, string sql, string parameter)
    {
        await using var command = data.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        return await command.ExecuteScalarAsync() as string;
    }
}
