using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Receptionist.Grains;
using Receptionist.Silo.Storage;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Storage;

/// <summary>
/// The core call lifecycle on Orleans' stock ADO.NET grain storage (<c>GrainStorage:Provider=AdoNet</c>), which stays
/// a supported choice; the rest of the suite runs on the default, group commit.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StockStorageCallLifecycleTests(PostgresFixture postgres)
{
    private const string Tenant = "acme";
    private const string TenantNumber = "+15005550160";

    private static readonly Dictionary<string, string?> StockStorage = new() { ["GrainStorage:Provider"] = nameof(GrainStorageProvider.AdoNet) };

    [Fact]
    public async Task Calls_fold_their_webhooks_and_duplicates_change_nothing_on_the_stock_provider()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "stocklife", silos: 2, StockStorage);
        Assert.All(cluster.Silos, silo => Assert.IsType<AdoNetGrainStorage>(silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default)));
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        var calls = Enumerable.Range(0, 16).Select(i => CallScenario.Create(i, $"stock-{i:00}-{Guid.NewGuid()}", TenantNumber, i)).ToList();

        await Parallel.ForEachAsync(calls.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
        {
            foreach (var (path, form) in item.c.Webhooks)
            {
                await cluster[item.i % 2].PostAcceptedAsync(path, form);
            }

            // SignalWire's retry of the last webhook: accepted again, changes nothing.
            await cluster[(item.i + 1) % 2].PostAcceptedAsync(item.c.Webhooks[^1].Path, item.c.Webhooks[^1].Form);
        });

        var answered = (await cluster[1].GetCallAsync(Tenant, calls[0].CallSid)).Call!;
        Assert.Equal("completed", (string?)answered["status"]);
        Assert.Equal(41, (int?)answered["durationSeconds"]);
        Assert.Equal(5, answered["events"]!.AsArray().Count);
        Assert.Equal("no-answer", (string?)(await cluster[0].GetCallAsync(Tenant, calls[1].CallSid)).Call!["status"]);
        Assert.Equal("busy", (string?)(await cluster[0].GetCallAsync(Tenant, calls[2].CallSid)).Call!["status"]);

        var page = await cluster[1].ListCallsAsync(Tenant, "limit=50");
        Assert.Equal(calls.Select(c => c.CallSid).Order(), page["calls"]!.AsArray().Select(c => (string)c!["callSid"]!).Order());
    }

    [Fact]
    public async Task Either_provider_reads_the_call_states_the_other_wrote()
    {
        var groupCommit = new Dictionary<string, string?> { ["GrainStorage:Provider"] = nameof(GrainStorageProvider.GroupCommit) };
        await using var first = await TestSiloCluster.StartAsync(postgres, "switchstore", silos: 1, groupCommit);
        await CallLifecycleTests.AssignAsync(first[0], Tenant, TenantNumber);
        var call = CallScenario.Create(0, Guid.NewGuid().ToString(), TenantNumber, 0);
        foreach (var (path, form) in call.Webhooks.Take(2))
        {
            await first[0].PostAcceptedAsync(path, form);
        }

        var written = (await first[0].GetCallAsync(Tenant, call.CallSid)).Call!.ToJsonString();
        await first[0].KillAsync();

        // The same database and service (a new cluster id, so no start waits on the dead silo), now on the stock
        // provider: it reads the state, continues the call and writes it.
        var stock = new Dictionary<string, string?>(first.Configuration)
        {
            ["GrainStorage:Provider"] = nameof(GrainStorageProvider.AdoNet),
            ["Orleans:ClusterId"] = $"switchstore-{Guid.NewGuid():N}",
        };
        await using (var second = await TestSilo.StartAsync(stock))
        {
            Assert.Equal(written, (await second.GetCallAsync(Tenant, call.CallSid)).Call!.ToJsonString());
            foreach (var (path, form) in call.Webhooks.Skip(2))
            {
                await second.PostAcceptedAsync(path, form);
            }

            written = (await second.GetCallAsync(Tenant, call.CallSid)).Call!.ToJsonString();
            await second.KillAsync();
        }

        // And back to group commit.
        await using var third = await TestSilo.StartAsync(new Dictionary<string, string?>(first.Configuration) { ["Orleans:ClusterId"] = $"switchstore-{Guid.NewGuid():N}" });
        Assert.Equal(written, (await third.GetCallAsync(Tenant, call.CallSid)).Call!.ToJsonString());
        Assert.Equal("completed", (string?)(await third.GetCallAsync(Tenant, call.CallSid)).Call!["status"]);
    }
}
