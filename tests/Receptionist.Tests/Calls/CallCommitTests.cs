using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Receptionist.Grains;
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
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callcommit", silos: 1, TestSiloCluster.FoldingOnlyOnRead);
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
            if (await ScalarAsync(data, "SELECT xmin::text FROM analytics_appended WHERE sid = $1 ORDER BY appended DESC LIMIT 1", call.CallSid) is { } contribution)
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

    [Fact]
    public async Task Webhooks_that_arrive_while_a_calls_write_is_in_flight_are_answered_when_the_next_write_carrying_them_all_commits()
    {
        await using var run = await InFlightRun.StartAsync(postgres, "callcoalesce");
        var call = CallScenario.Create(0, Guid.NewGuid().ToString(), TenantNumber, 0); // ringing, answered, recorded, completed
        var version = await run.BlockedAfterFirstAsync(call);

        // The answered webhook's write waits on the locked row; the rest (and SignalWire's repeat of it) arrive meanwhile.
        var later = call.Webhooks.Skip(2).Append(call.Webhooks[1]).ToList();
        var answers = await run.PostWhileBlockedAsync(call.Webhooks[1], later);

        Assert.All(await Task.WhenAll(answers), a => Assert.True(a.IsSuccessStatusCode, $"answered {(int)a.StatusCode}"));
        // Two writes for five webhooks: the one in flight, then one carrying everything decided while it was.
        Assert.Equal(version + 2, await run.VersionAsync(call.CallSid));
        Assert.Equal("completed", await ScalarAsync(run.Data, "SELECT status FROM receptionist_call_log WHERE call_sid = $1", call.CallSid));
        var rows = await CompanionRow.ReadAllAsync(run.Data);
        Assert.Equal(rows[$"{call.CallSid}/completed"].Transaction,
            await ScalarAsync(run.Data, "SELECT xmin::text FROM receptionist_call_log WHERE call_sid = $1", call.CallSid));
        Assert.NotEqual(rows[$"{call.CallSid}/in-progress"].Transaction, rows[$"{call.CallSid}/completed"].Transaction);
    }

    [Fact]
    public async Task A_calls_failed_write_fails_only_the_webhooks_it_carried_and_the_next_write_still_carries_the_others()
    {
        await using var run = await InFlightRun.StartAsync(postgres, "callcoalescefail");
        var call = CallScenario.Create(0, Guid.NewGuid().ToString(), TenantNumber, 0);
        await run.BlockedAfterFirstAsync(call);

        run.Rows.RefuseNext();
        var answers = await run.PostWhileBlockedAsync(call.Webhooks[1], call.Webhooks.Skip(2).ToList());

        var answered = await Task.WhenAll(answers);
        Assert.True((int)answered[0].StatusCode >= 500, $"the refused write's webhook answered {(int)answered[0].StatusCode}");
        Assert.All(answered.Skip(1), a => Assert.True(a.IsSuccessStatusCode, $"answered {(int)a.StatusCode}"));

        // SignalWire retries the failed one; the call ends up whole, as if nothing failed.
        await run.Silo.PostAcceptedAsync(call.Webhooks[1].Path, call.Webhooks[1].Form);
        var (_, details) = await run.Silo.GetCallAsync(Tenant, call.CallSid);
        Assert.Equal("completed", (string?)details!["status"]);
        Assert.NotNull(details["answeredAt"]);
        Assert.Equal("completed", await ScalarAsync(run.Data, "SELECT status FROM receptionist_call_log WHERE call_sid = $1", call.CallSid));
    }

    /// <summary>
    /// A silo whose call writes attach <see cref="StatusChangeRows"/>, and a way to hold a call's write in flight (its
    /// state row locked) while more of its webhooks arrive, knowing when the grain has taken each of them.
    /// </summary>
    private sealed class InFlightRun : IAsyncDisposable
    {
        private NpgsqlTransaction? locked;

        private InFlightRun(TestSilo silo, NpgsqlDataSource data, StatusChangeRows rows, ApplyCalls applies)
        {
            Silo = silo;
            Data = data;
            Rows = rows;
            Applies = applies;
        }

        public TestSilo Silo { get; }

        public NpgsqlDataSource Data { get; }

        public StatusChangeRows Rows { get; }

        private ApplyCalls Applies { get; }

        public static async Task<InFlightRun> StartAsync(PostgresFixture postgres, string name)
        {
            var database = await postgres.CreateDatabaseAsync(name);
            var data = NpgsqlDataSource.Create(database);
            await using (var create = data.CreateCommand(CompanionRow.CreateTable))
            {
                await create.ExecuteNonQueryAsync();
            }

            var rows = new StatusChangeRows(data);
            var applies = new ApplyCalls();
            var silo = await TestSilo.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = database },
                configureBuilder: builder =>
                {
                    builder.Services.AddSingleton<ICallCommitCompanions>(rows);
                    builder.Services.AddSingleton<IIncomingGrainCallFilter>(applies);
                });
            await CallLifecycleTests.AssignAsync(silo, Tenant, TenantNumber);
            return new InFlightRun(silo, data, rows, applies);
        }

        /// <summary>Posts the call's first webhook, then locks its state row: the next write of the call waits. Its version.</summary>
        public async Task<int> BlockedAfterFirstAsync(CallScenario call)
        {
            await Silo.PostAcceptedAsync(call.Webhooks[0].Path, call.Webhooks[0].Form);
            var version = await VersionAsync(call.CallSid);
            var connection = await Data.OpenConnectionAsync();
            locked = await connection.BeginTransactionAsync();
            await using var command = new NpgsqlCommand(
                "SELECT 1 FROM OrleansStorage WHERE graintypestring = 'call' AND grainidextensionstring = $1 FOR UPDATE", connection, locked);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainKeys.Call(call.CallSid) });
            Assert.Equal(1, await command.ExecuteScalarAsync());
            return version;
        }

        /// <summary>
        /// Posts <paramref name="first"/> and waits until its write waits on the lock, posts <paramref name="later"/> and
        /// waits until the grain decided each, checks that none was answered yet, then releases the lock. The answers,
        /// <paramref name="first"/>'s first.
        /// </summary>
        public async Task<List<Task<HttpResponseMessage>>> PostWhileBlockedAsync(
            (string Path, IReadOnlyList<KeyValuePair<string, string>> Form) first, List<(string Path, IReadOnlyList<KeyValuePair<string, string>> Form)> later)
        {
            var decided = Applies.Decided;
            var answers = new List<Task<HttpResponseMessage>> { Silo.PostSignedAsync(first.Path, first.Form) };
            await WaitUntilAsync(async () =>
            {
                await using var command = Data.CreateCommand(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
                return (long)(await command.ExecuteScalarAsync())! >= 1;
            }, "the call's write is not waiting for its locked row");

            answers.AddRange(later.Select(w => Silo.PostSignedAsync(w.Path, w.Form)));
            await WaitUntilAsync(() => Task.FromResult(Applies.Decided >= decided + 1 + later.Count), "the grain did not take the webhooks that came during its write");
            Assert.DoesNotContain(answers, a => a.IsCompleted);

            await locked!.RollbackAsync();
            await locked.Connection!.DisposeAsync();
            locked = null;
            return answers;
        }

        public async Task<int> VersionAsync(string callSid)
        {
            await using var command = Data.CreateCommand("SELECT version FROM OrleansStorage WHERE graintypestring = 'call' AND grainidextensionstring = $1");
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainKeys.Call(callSid) });
            return (int)(await command.ExecuteScalarAsync())!;
        }

        public async ValueTask DisposeAsync()
        {
            if (locked is not null)
            {
                await locked.Connection!.DisposeAsync();
            }

            await Silo.DisposeAsync();
            await Data.DisposeAsync();
        }

        private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!await condition())
            {
                Assert.True(DateTime.UtcNow < deadline, failure);
                await Task.Delay(20);
            }
        }
    }

    /// <summary>
    /// Counts <see cref="ICallGrain.Apply"/> calls the grain has decided: the grain runs a webhook's decision before its
    /// first wait (for the write), so when the invocation returns its task, the decision is made.
    /// </summary>
    private sealed class ApplyCalls : IIncomingGrainCallFilter
    {
        private int decided;

        public int Decided => Volatile.Read(ref decided);

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.InterfaceMethod?.Name != nameof(ICallGrain.Apply))
            {
                await context.Invoke();
                return;
            }

            var invoked = context.Invoke();
            Interlocked.Increment(ref decided);
            await invoked;
        }
    }

    /// <summary>What an outbox would attach: one row per status the call reaches; one of them refused on request.</summary>
    private sealed class StatusChangeRows(NpgsqlDataSource data) : ICallCommitCompanions
    {
        private int refuse;

        /// <summary>The next write's row is refused by the table, failing that write.</summary>
        public void RefuseNext() => Volatile.Write(ref refuse, 1);

        public ValueTask<IReadOnlyList<ICommitCompanion>> ForAsync(CallDetails? before, CallDetails after) =>
            ValueTask.FromResult<IReadOnlyList<ICommitCompanion>>(before?.Summary.Status == after.Summary.Status
                ? []
                : [new CompanionRow(data, $"{after.Summary.CallSid}/{after.Summary.Status.ToWire()}",
                    Interlocked.Exchange(ref refuse, 0) == 1 ? "refuse" : after.Summary.Status.ToWire())]);
    }

    private static async Task<string?> ScalarAsync(NpgsqlDataSource data, string sql, string parameter)
    {
        await using var command = data.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parameter });
        return await command.ExecuteScalarAsync() as string;
    }
}
