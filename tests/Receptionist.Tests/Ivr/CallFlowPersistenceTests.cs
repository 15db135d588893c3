using System.Text.Json.Nodes;
using Orleans.Runtime;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Ivr;

[Collection(PostgresCollection.Name)]
public sealed class CallFlowPersistenceTests(PostgresFixture postgres)
{
    private const string Tenant = "persisted-flow";

    [Fact]
    public async Task A_saved_call_flow_reads_back_the_same_after_every_grain_is_deactivated()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "flowpersist", silos: 2);
        var saved = await cluster[0].PutSettingsOkAsync(Tenant, Flows.Clinic("+15005550199"));

        await cluster[0].Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tenant/settings").Authorized(TestTokens.For(Tenant, Permissions.SettingsRead));
        using var response = await cluster[1].Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var reread = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(4, reread["callFlow"]!["options"]!.AsArray().Count);
        Assert.Equal(saved.ToJsonString(), reread.ToJsonString());
    }
}
