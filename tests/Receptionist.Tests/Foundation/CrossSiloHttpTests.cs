using System.Net;
using System.Net.Http.Json;
using Receptionist.Api.Auth;
using Receptionist.Grains.Tenancy;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Foundation;

[Collection(PostgresCollection.Name)]
public sealed class CrossSiloHttpTests(PostgresFixture postgres)
{
    [Fact]
    public async Task State_written_through_one_silo_is_read_through_another_and_survives_the_writer_stopping()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "crosssilo", silos: 2);
        var token = TestTokens.For("acme", Permissions.SettingsRead, Permissions.SettingsWrite);

        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/tenant/settings")
        {
            Content = JsonContent.Create(new { businessName = "Acme Dental", timeZone = "America/Chicago" }),
        }.Authorized(token);
        var written = await (await cluster[0].Client.SendAsync(put)).Content.ReadFromJsonAsync<TenantSettings>();

        Assert.Equal("Acme Dental", (await GetSettingsAsync(cluster[1], token)).BusinessName);

        await cluster[0].KillAsync();
        await cluster.AddSiloAsync();
        await cluster.WaitForMembershipAsync(active: 2, TimeSpan.FromSeconds(90));
        var afterKill = await GetSettingsAsync(cluster[2], token);
        Assert.Equal(written, afterKill);
    }

    private static async Task<TenantSettings> GetSettingsAsync(TestSilo silo, string token)
    {
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/tenant/settings").Authorized(token);
        using var response = await silo.Client.SendAsync(get);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TenantSettings>())!;
    }
}
