using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Receptionist.Grains.Events;
using Receptionist.Silo.Hosting;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Messaging;

namespace Receptionist.Tests.Events;

/// <summary>The endpoint API's rules, and delivery in the embedded (memory) mode; no database.</summary>
public sealed class WebhookEndpointTests
{
    private const string Acme = "acme";

    [Fact]
    public async Task Bad_endpoint_requests_are_refused_with_a_problem_and_change_nothing()
    {
        await using var silo = await TestSilo.StartAsync(new Dictionary<string, string?>());
        var cases = new (object Body, string Field, string Message)[]
        {
            (new { url = "http://crm.example.com/hooks", eventTypes = new[] { "sms.received" } }, "url", "Must be https."),
            (new { url = "http://127.0.0.1:9/hooks", eventTypes = new[] { "sms.received" } }, "url", "Must be https."),
            (new { url = "ftp://crm.example.com/hooks", eventTypes = new[] { "sms.received" } }, "url", "Not an absolute https URL."),
            (new { url = "https://user:pass@crm.example.com/hooks", eventTypes = new[] { "sms.received" } }, "url", "Must not carry a user name or password."),
            (new { eventTypes = new[] { "sms.received" } }, "url", "Required."),
            (new { url = "https://crm.example.com/hooks", eventTypes = Array.Empty<string>() }, "eventTypes", "At least one of"),
            (new { url = "https://crm.example.com/hooks", eventTypes = new[] { "call.answered" } }, "eventTypes", "'call.answered' is not one of"),
            (new { url = "https://crm.example.com/hooks", eventTypes = new[] { "sms.received" }, description = "bell\u0007" }, "description", "control"),
        };
        foreach (var (body, field, message) in cases)
        {
            using var response = await silo.SendAsync(Acme, HttpMethod.Post, WebhookTestClient.Path, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("https://receptionist.dev/problems/validation", (string?)problem["type"]);
            Assert.Contains(message, string.Join(" ", problem["errors"]![field]!.AsArray().Select(m => (string?)m)), StringComparison.Ordinal);
        }

        Assert.Empty((await silo.OkAsync(Acme, HttpMethod.Get, WebhookTestClient.Path))["endpoints"]!.AsArray());
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            using var missing = await silo.SendAsync(Acme, method, $"{WebhookTestClient.Path}/ep_nope");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        for (var i = 0; i < IWebhookEndpointsGrain.MaxEndpoints; i++)
        {
            await silo.CreateEndpointAsync(Acme, $"https://crm.example.com/hooks/{i}", WebhookEventTypes.SmsReceived);
        }

        using var tooMany = await silo.SendAsync(Acme, HttpMethod.Post, WebhookTestClient.Path, new { url = "https://crm.example.com/more", eventTypes = new[] { "sms.received" } });
        Assert.Equal(HttpStatusCode.Conflict, tooMany.StatusCode);
        Assert.Equal(IWebhookEndpointsGrain.MaxEndpoints, (await silo.OkAsync(Acme, HttpMethod.Get, WebhookTestClient.Path))["endpoints"]!.AsArray().Count);
    }

    [Fact]
    public async Task In_the_embedded_mode_a_disabled_endpoint_holds_its_events_and_gets_them_once_enabled()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var silo = await TestSilo.StartAsync(WebhookTestClient.Configuration());
        await CallLifecycleTests.AssignAsync(silo, Acme, "+15005550100");
        var url = receiver.BaseUrl + "/acme";
        var (endpointId, secret) = await silo.CreateEndpointAsync(Acme, url, WebhookEventTypes.SmsReceived);
        receiver.Mode = ReceiverMode.Fail;
        await silo.TextAsync(Guid.NewGuid().ToString(), "+14155550123", "+15005550100", "first");
        await receiver.WaitForAsync(r => r.Count >= 1, "a failed attempt");

        var disabled = await silo.OkAsync(Acme, HttpMethod.Put, $"{WebhookTestClient.Path}/{endpointId}", new { url, eventTypes = new[] { "sms.received" }, enabled = false });
        Assert.False((bool)disabled["enabled"]!);
        var held = Assert.Single(await silo.DeliveriesAsync(Acme, endpointId));
        Assert.Equal("pending", (string?)held["status"]);

        receiver.Mode = ReceiverMode.Ok;
        await silo.OkAsync(Acme, HttpMethod.Put, $"{WebhookTestClient.Path}/{endpointId}", new { url, eventTypes = new[] { "sms.received" }, enabled = true });
        var delivered = await receiver.WaitForAsync(r => r.Any(w => w.Answer == ReceiverMode.Ok), "the held delivery");
        Assert.Single(delivered.Select(w => w.Id).Distinct());
        Assert.True(delivered[^1].SignedWith(secret));
        await silo.WaitForDeliveriesAsync(Acme, endpointId, d => (string?)d[0]["status"] == "succeeded", "success");

        using var deleted = await silo.SendAsync(Acme, HttpMethod.Delete, $"{WebhookTestClient.Path}/{endpointId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await silo.SendAsync(Acme, HttpMethod.Get, $"{WebhookTestClient.Path}/{endpointId}/deliveries");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_delivery_to_an_address_inside_the_network_is_refused_when_connecting()
    {
        var configuration = WebhookTestClient.Configuration();
        configuration["Webhooks:AllowLoopbackHttp"] = "false";
        await using var silo = await TestSilo.StartAsync(configuration);
        await CallLifecycleTests.AssignAsync(silo, Acme, "+15005550100");

        // A valid https URL whose name resolves to loopback: accepted as a URL, never connected to.
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.BaseUrl).Port;
        var (endpointId, _) = await silo.CreateEndpointAsync(Acme, $"https://localhost:{port}/acme", WebhookEventTypes.SmsReceived);
        await silo.TextAsync(Guid.NewGuid().ToString(), "+14155550123", "+15005550100", "hello");

        var delivery = Assert.Single(await silo.WaitForDeliveriesAsync(Acme, endpointId, d => d.Count == 1 && (int)d[0]["attemptCount"]! >= 1, "an attempt"));
        Assert.Contains("no public address", (string?)delivery["attempts"]![0]!["error"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Webhooks:Timeout=00:05:00", "Timeout")]
    [InlineData("Webhooks:FirstRetryDelay=00:30:00;Webhooks:MaxRetryDelay=00:10:00", "MaxRetryDelay must not be shorter than FirstRetryDelay")]
    [InlineData("Webhooks:BatchSize=0", "Webhooks:BatchSize")]
    public async Task Invalid_webhook_options_stop_the_start_with_the_setting_named(string settings, string named)
    {
        var configuration = settings.Split(';').Select(s => s.Split('=')).ToDictionary(kv => kv[0], kv => (string?)kv[1]);
        var error = await Assert.ThrowsAsync<StartupException>(() => TestSilo.StartAsync(configuration));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
