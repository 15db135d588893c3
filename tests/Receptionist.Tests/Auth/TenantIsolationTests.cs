using System.Net;
using System.Net.Http.Json;
using Receptionist.Api.Auth;
using Receptionist.Grains.Tenancy;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Auth;

/// <summary>Issue 3.3 and 3.8: the tenant is always the token's; tenant A never reads tenant B's data.</summary>
public sealed class TenantIsolationTests(AuthSiloFixture silo) : IClassFixture<AuthSiloFixture>
{
    [Fact]
    public async Task Another_tenants_note_answers_404_exactly_like_a_missing_one_and_cannot_be_overwritten()
    {
        var alice = AuthTokens.For("tenant-a", Permissions.CallsCreate, Permissions.CallsRead);
        var bob = AuthTokens.For("tenant-b", Permissions.CallsCreate, Permissions.CallsRead);
        var id = Guid.NewGuid().ToString("N");

        using var created = await silo.Client.SendAsync(HttpMethod.Put, $"{TestRoutes.Notes}/{id}", alice,
            JsonContent.Create(new { phone = "+15551230001", text = "A's secret" }));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        using var foreign = await silo.Client.SendAsync(HttpMethod.Get, $"{TestRoutes.Notes}/{id}", bob);
        using var missing = await silo.Client.SendAsync(HttpMethod.Get, $"{TestRoutes.Notes}/{id}x", bob);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(missing.StatusCode, foreign.StatusCode);
        var foreignBody = await foreign.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        var missingBody = await missing.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        Assert.Equal(missingBody!["type"].ToString(), foreignBody!["type"].ToString());
        Assert.Equal(missingBody["title"].ToString(), foreignBody["title"].ToString());
        Assert.DoesNotContain("secret", await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var overwrite = await silo.Client.SendAsync(HttpMethod.Put, $"{TestRoutes.Notes}/{id}", bob,
            JsonContent.Create(new { phone = "+15551230002", text = "B was here" }));
        Assert.Equal(HttpStatusCode.NotFound, overwrite.StatusCode);

        var stored = await silo.Client.SendAsync(HttpMethod.Get, $"{TestRoutes.Notes}/{id}", alice);
        var note = await stored.Content.ReadFromJsonAsync<TestNote>();
        Assert.Equal(new TestNote("tenant-a", "+15551230001", "A's secret"), note);
    }

    [Fact]
    public async Task Settings_are_the_tokens_tenants_whatever_the_query_or_body_says()
    {
        var alice = AuthTokens.For("settings-a", Permissions.SettingsRead, Permissions.SettingsWrite);
        var bob = AuthTokens.For("settings-b", Permissions.SettingsRead, Permissions.SettingsWrite);

        using var write = await silo.Client.SendAsync(HttpMethod.Put, "/api/tenant/settings?tenantId=settings-b&tenant_id=settings-b", alice,
            JsonContent.Create(new { businessName = "A Dental", timeZone = "Europe/Paris", tenantId = "settings-b" }));
        Assert.Equal(HttpStatusCode.OK, write.StatusCode);

        using var bobRead = await silo.Client.SendAsync(HttpMethod.Get, "/api/tenant/settings?tenantId=settings-a", bob);
        var bobs = await bobRead.Content.ReadFromJsonAsync<TenantSettings>();
        Assert.NotEqual("A Dental", bobs!.BusinessName);

        using var aliceRead = await silo.Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", alice);
        Assert.Equal("A Dental", (await aliceRead.Content.ReadFromJsonAsync<TenantSettings>())!.BusinessName);
    }
}

/// <summary>The same isolation across two silos on PostgreSQL: the tenant comes from the token on whichever silo serves.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTenantIsolationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Tenant_B_reads_its_own_settings_on_another_silo_never_tenant_As()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "authisolation", silos: 2);
        var alice = TestTokens.For("iso-a", Permissions.SettingsRead, Permissions.SettingsWrite);
        var bob = TestTokens.For("iso-b", Permissions.SettingsRead, Permissions.SettingsWrite);

        using var a = await cluster[0].Client.SendAsync(HttpMethod.Put, "/api/tenant/settings", alice, JsonContent.Create(new { businessName = "Alpha" }));
        using var b = await cluster[0].Client.SendAsync(HttpMethod.Put, "/api/tenant/settings", bob, JsonContent.Create(new { businessName = "Beta" }));
        Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        Assert.Equal(HttpStatusCode.OK, b.StatusCode);

        using var bobRead = await cluster[1].Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", bob);
        using var aliceRead = await cluster[1].Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", alice);
        Assert.Equal("Beta", (await bobRead.Content.ReadFromJsonAsync<TenantSettings>())!.BusinessName);
        Assert.Equal("Alpha", (await aliceRead.Content.ReadFromJsonAsync<TenantSettings>())!.BusinessName);
    }
}
