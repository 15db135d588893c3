using Npgsql;
using Receptionist.Grains;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Storage;

/// <summary>Webhooks through the real service on the default (group-commit) grain storage.</summary>
[Collection(PostgresCollection.Name)]
public sealed class GroupCommitWebhookTests(PostgresFixture postgres)
{
    private const string Tenant = "acme";
    private const string TenantNumber = "+15005550161";

    [Fact]
    public async Task A_retried_webhook_is_acknowledged_and_writes_nothing()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "gcdup", silos: 1);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, TenantNumber);
        var calls = Enumerable.Range(0, 6).Select(i => CallScenario.Create(i, Guid.NewGuid().ToString(), TenantNumber, i)).ToList();
        await Task.WhenAll(calls.Select(async call =>
        {
            foreach (var (path, form) in call.Webhooks)
            {
                await cluster[0].PostAcceptedAsync(path, form);
            }
        }));
        var before = await StateVersionsAsync(cluster.ConnectionString, calls);

        // SignalWire retries every webhook of every call, all at once: each is a duplicate.
        await Task.WhenAll(calls.SelectMany(c => c.Webhooks).Select(w => cluster[0].PostAcceptedAsync(w.Path, w.Form)));

        Assert.Equal(before, await StateVersionsAsync(cluster.ConnectionString, calls));
        Assert.All(before.Values, v => Assert.True(v >= 2));
    }

    private static async Task<Dictionary<string, int>> StateVersionsAsync(string connectionString, IEnumerable<CallScenario> calls)
    {
        await using var data = NpgsqlDataSource.Create(connectionString);
        await using var command = data.CreateCommand("""
            SELECT grainidextensionstring, version FROM OrleansStorage WHERE graintypestring = 'call' AND grainidextensionstring = ANY($1)
            """);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. calls.Select(c => GrainKeys.Call(c.CallSid))] });
        var versions = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            versions[reader.GetString(0)] = reader.GetInt32(1);
        }

        return versions;
    }
}
