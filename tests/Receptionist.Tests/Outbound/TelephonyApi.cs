using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;

namespace Receptionist.Tests.Outbound;

/// <summary>The private API as a tenant's app calls it, with every permission unless a test narrows them.</summary>
public static class TelephonyApi
{
    public static readonly string[] AllPermissions =
        ["calls:create", "calls:read", "phone_numbers:create", "phone_numbers:read", "recordings:read", "system:read"];

    public static string NewTenant() => $"t-{Guid.NewGuid():N}"[..14];

    /// <summary>A fresh US number nobody in the emulator or the cluster has used.</summary>
    public static string NewNumber() => $"+1555{Random.Shared.Next(2_000_000, 9_999_999)}";

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(
        this TestSilo silo, HttpMethod method, string path, string tenant, object? body = null, params string[] permissions)
    {
        using var request = new HttpRequestMessage(method, path).Authorized(TestTokens.For(tenant, permissions.Length > 0 ? permissions : AllPermissions));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await silo.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text));
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body)> PlaceCallAsync(this TestSilo silo, string tenant, object body) =>
        silo.SendAsync(HttpMethod.Post, "/api/signalwire/call/outbound", tenant, body);

    /// <summary>Makes a number the project owns on the emulator, then the tenant's through the claim route.</summary>
    public static async Task<string> GiveNumberAsync(this TestSilo silo, EmulatorHandle emulator, string tenant)
    {
        var number = NewNumber();
        emulator.Controls.AddOwnedNumber(number);
        var (status, body) = await silo.SendAsync(HttpMethod.Post, "/api/signalwire/phone-numbers", tenant, new { phoneNumber = number });
        Assert.True(status == HttpStatusCode.Created, $"claiming {number}: {status} {body}");
        return number;
    }

    /// <summary>Polls the live status route until the call is in <paramref name="status"/>.</summary>
    public static async Task<JsonNode> WaitForCallAsync(this TestSilo silo, string tenant, string callSid, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        JsonNode? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var (code, call) = await silo.SendAsync(HttpMethod.Get, $"/api/signalwire/call/{callSid}", tenant);
            if (code == HttpStatusCode.OK && (string?)call!["status"] == status)
            {
                return call;
            }

            last = call;
            await Task.Delay(50);
        }

        throw new TimeoutException($"call {callSid} did not reach {status}; last seen: {last}");
    }

    public static async Task<JsonArray> ListCallsAsync(this TestSilo silo, string tenant)
    {
        var (status, body) = await silo.SendAsync(HttpMethod.Get, "/api/signalwire/calls", tenant);
        Assert.Equal(HttpStatusCode.OK, status);
        return body!["calls"]!.AsArray();
    }
}
