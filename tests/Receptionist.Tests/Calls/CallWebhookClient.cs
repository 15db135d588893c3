using SignalWire.Emulator.Playout;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Calls;

/// <summary>Posts webhooks to a silo signed like SignalWire signs them, and reads calls back through the API.</summary>
public static class CallWebhookClient
{
    public const string CallStatusPath = "/api/signalwire/webhook/call-status";
    public const string RecordingPath = "/api/signalwire/webhook/recording";
    public const string EntryPath = "/api/mcp/ivr/entry";

    public static Task<HttpResponseMessage> PostSignedAsync(this TestSilo silo, string path, IReadOnlyList<KeyValuePair<string, string>> form,
        string signingKey = SiloProcess.SigningKey, string header = "X-SignalWire-Signature", string? signedUrl = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(header, WebhookSigner.Sign(signingKey, signedUrl ?? new Uri(silo.Client.BaseAddress!, path).ToString(), form));
        return silo.Client.SendAsync(request);
    }

    /// <summary>Posts and insists on a 2xx, as SignalWire (which retries) eventually gets one.</summary>
    public static async Task PostAcceptedAsync(this TestSilo silo, string path, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        using var response = await silo.PostSignedAsync(path, form);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task<(System.Net.HttpStatusCode Status, JsonObject? Call)> GetCallAsync(this TestSilo silo, string tenantId, string callSid)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/signalwire/call/{callSid}").Authorized(TestTokens.For(tenantId, Permissions.CallsRead));
        using var response = await silo.Client.SendAsync(request);
        return (response.StatusCode, response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null);
    }

    public static async Task<JsonObject> ListCallsAsync(this TestSilo silo, string tenantId, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/signalwire/calls?{query}").Authorized(TestTokens.For(tenantId, Permissions.CallsRead));
        using var response = await silo.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static string Rfc2822(DateTimeOffset at) => at.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture);
}
