using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Receptionist.Api.Auth;

namespace Receptionist.Tests.Infrastructure;

/// <summary>Tenant settings over the API, as the tenant's app writes them.</summary>
public static class TenantSettingsClient
{
    public static async Task<HttpResponseMessage> PutSettingsAsync(this TestSilo silo, string tenantId, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/tenant/settings") { Content = JsonContent.Create(body) }
            .Authorized(TestTokens.For(tenantId, Permissions.SettingsWrite));
        return await silo.Client.SendAsync(request);
    }

    public static async Task<JsonObject> PutSettingsOkAsync(this TestSilo silo, string tenantId, object body)
    {
        using var response = await silo.PutSettingsAsync(tenantId, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PUT settings answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A JSON merge patch of the settings (only the fields it names change).</summary>
    public static async Task<JsonObject> PatchSettingsOkAsync(this TestSilo silo, string tenantId, string mergePatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/tenant/settings")
        {
            Content = new StringContent(mergePatch, System.Text.Encoding.UTF8, "application/merge-patch+json"),
        }.Authorized(TestTokens.For(tenantId, Permissions.SettingsRead, Permissions.SettingsWrite));
        using var response = await silo.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"PATCH settings answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<JsonObject> GetSettingsAsync(this TestSilo silo, string tenantId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tenant/settings").Authorized(TestTokens.For(tenantId, Permissions.SettingsRead));
        using var response = await silo.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
