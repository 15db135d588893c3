using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Receptionist.Api.Auth;
using Receptionist.Grains.Tenancy;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Foundation;

/// <summary>The real `src/Silo` executable, started as separate OS processes, exactly as an operator runs it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloProcessTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Three_silos_started_at_once_on_an_empty_database_form_one_cluster_that_serves_each_others_grains()
    {
        var connectionString = await postgres.CreateDatabaseAsync("processes");
        var clusterId = $"processes-{Guid.NewGuid():N}";
        var configuration = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Orleans:ClusterId"] = clusterId,
        };
        var silos = Enumerable.Range(0, 3).Select(_ => SiloProcess.Start(configuration)).ToArray();
        try
        {
            await Task.WhenAll(silos.Select(s => s.WaitUntilReadyAsync()));

            Assert.Equal(3, await ActiveMembersAsync(connectionString, clusterId, silos.Length));
            Assert.Equal(silos.Select(s => s.SiloPort).Order(), await ActiveSiloPortsAsync(connectionString, clusterId));

            var token = TestTokens.For("process-tenant", Permissions.SettingsRead, Permissions.SettingsWrite);
            using var put = new HttpRequestMessage(HttpMethod.Put, "/api/tenant/settings")
            {
                Content = JsonContent.Create(new { businessName = "Written through silo A", timeZone = "Europe/Paris" }),
            }.Authorized(token);
            Assert.Equal(HttpStatusCode.OK, (await silos[0].Client.SendAsync(put)).StatusCode);

            foreach (var silo in silos[1..])
            {
                using var get = new HttpRequestMessage(HttpMethod.Get, "/api/tenant/settings").Authorized(token);
                var settings = await (await silo.Client.SendAsync(get)).Content.ReadFromJsonAsync<TenantSettings>();
                Assert.Equal("Written through silo A", settings!.BusinessName);
            }
        }
        finally
        {
            await Task.WhenAll(silos.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task Logs_are_json_lines_when_output_is_redirected_and_name_the_bounded_garbage_collector_the_silo_runs_with()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string>());
        await silo.WaitUntilReadyAsync();

        var entries = silo.Output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var warning = entries.First(e => e.GetProperty("Message").GetString()!.StartsWith("NOT DURABLE", StringComparison.Ordinal));
        Assert.Equal("Warning", warning.GetProperty("LogLevel").GetString());
        Assert.Equal(JsonValueKind.Array, warning.GetProperty("Scopes").ValueKind);

        // The runtime settings in the silo's project file reach the process: its memory per active call depends on them.
        var collector = entries.Select(e => e.GetProperty("Message").GetString()!).First(m => m.StartsWith("Garbage collector:", StringComparison.Ordinal));
        Assert.StartsWith("Garbage collector: workstation, background gen2 collections, gen0 budget at most 16 MB", collector, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_fails_with_503_when_the_database_goes_away_and_liveness_does_not()
    {
        await using var ownServer = await PostgresServer.StartAsync();
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = await ownServer.CreateDatabaseAsync("readiness"),
            ["Orleans:ClusterId"] = $"readiness-{Guid.NewGuid():N}",
        });
        await silo.WaitUntilReadyAsync();
        using (var ready = await silo.Client.GetAsync("/health/ready"))
        {
            Assert.True((await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("durable").GetBoolean());
        }

        await ownServer.DisposeAsync();

        using var notReady = await silo.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("PostgreSQL is unreachable", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var live = await silo.Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static async Task<int> ActiveMembersAsync(string connectionString, string clusterId, int expected)
    {
        // Silos publish Active in the table a moment after they answer HTTP; poll briefly rather than race.
        for (var attempt = 0; ; attempt++)
        {
            var ports = await ActiveSiloPortsAsync(connectionString, clusterId);
            if (ports.Count == expected || attempt == 100)
            {
                return ports.Count;
            }

            await Task.Delay(200);
        }
    }

    private static async Task<List<int>> ActiveSiloPortsAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT port FROM OrleansMembershipTable WHERE deploymentid = @id AND status = 3 ORDER BY port", connection);
        command.Parameters.AddWithValue("id", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var ports = new List<int>();
        while (await reader.ReadAsync())
        {
            ports.Add(reader.GetInt32(0));
        }

        return ports;
    }
}
