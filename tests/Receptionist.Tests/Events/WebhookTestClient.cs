using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Events;

/// <summary>Drives <c>/api/webhooks/endpoints</c> as a tenant's admin would.</summary>
public static class WebhookTestClient
{
    public const string Path = "/api/webhooks/endpoints";

    public static Dictionary<string, string?> Configuration(TimeSpan? retryWindow = null) => new()
    {
        ["Webhooks:AllowLoopbackHttp"] = "true",
        ["Webhooks:Timeout"] = "00:00:01",
        ["Webhooks:FirstRetryDelay"] = "00:00:00.200",
        ["Webhooks:MaxRetryDelay"] = "00:00:00.500",
        ["Webhooks:WakePeriod"] = "00:00:02",
        ["Webhooks:BatchSize"] = "10",
        ["Webhooks:RetryWindow"] = (retryWindow ?? TimeSpan.FromDays(1)).ToString(),
    };

    public static async Task<HttpResponseMessage> SendAsync(this TestSilo silo, string tenantId, HttpMethod method, string path, object? body = null)
    {
        var permission = method == HttpMethod.Get ? Permissions.SettingsRead : Permissions.SettingsWrite;
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) }
            .Authorized(TestTokens.For(tenantId, permission));
        return await silo.Client.SendAsync(request);
    }

    public static async Task<JsonObject> OkAsync(this TestSilo silo, string tenantId, HttpMethod method, string path, object? body = null,
        HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await silo.SendAsync(tenantId, method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Registers an endpoint; returns its id and secret.</summary>
    public static async Task<(string Id, string Secret)> CreateEndpointAsync(this TestSilo silo, string tenantId, string url, params string[] eventTypes)
    {
        var created = await silo.OkAsync(tenantId, HttpMethod.Post, Path, new { url, eventTypes }, HttpStatusCode.Created);
        return ((string)created["id"]!, (string)created["secret"]!);
    }

    public static async Task<List<JsonObject>> DeliveriesAsync(this TestSilo silo, string tenantId, string endpointId, string query = "") =>
        [.. (await silo.OkAsync(tenantId, HttpMethod.Get, $"{Path}/{endpointId}/deliveries?{query}"))["deliveries"]!.AsArray().Select(d => d!.AsObject())];

    /// <summary>Polls the delivery log until <paramref name="condition"/> holds for it.</summary>
    public static async Task<List<JsonObject>> WaitForDeliveriesAsync(this TestSilo silo, string tenantId, string endpointId,
        Func<List<JsonObject>, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var deliveries = await silo.DeliveriesAsync(tenantId, endpointId, "limit=100");
            if (condition(deliveries))
            {
                return deliveries;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}: {string.Join("\n", deliveries.Select(d => d.ToJsonString()))}");
            await Task.Delay(100);
        }
    }
}
