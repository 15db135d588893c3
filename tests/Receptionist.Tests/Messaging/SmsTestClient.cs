using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Receptionist.Api.Auth;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Messaging;

/// <summary>Posts SMS webhooks signed like SignalWire signs them, and drives the SMS routes of the API.</summary>
public static class SmsTestClient
{
    public const string InboundPath = "/api/signalwire/webhook/sms";
    public const string StatusPath = "/api/signalwire/webhook/sms-status";
    public const string AccountSid = "6bfbbe86-a901-4197-8759-2a0de1fa319d";

    public static List<KeyValuePair<string, string>> InboundForm(string messageSid, string from, string to, string body, params string[] mediaUrls)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", AccountSid),
            new("MessageSid", messageSid),
            new("SmsSid", messageSid),
            new("From", from),
            new("To", to),
            new("Body", body),
            new("NumMedia", mediaUrls.Length.ToString(CultureInfo.InvariantCulture)),
            new("MessageStatus", "received"),
        };
        for (var i = 0; i < mediaUrls.Length; i++)
        {
            form.Add(new("MediaUrl" + i, mediaUrls[i]));
            form.Add(new("MediaContentType" + i, "image/png"));
        }

        return form;
    }

    public static List<KeyValuePair<string, string>> StatusForm(string messageSid, string from, string to, string status, string? errorCode = null)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("AccountSid", AccountSid),
            new("MessageSid", messageSid),
            new("From", from),
            new("To", to),
            new("Body", "Your table is ready"),
            new("NumSegments", "1"),
            new("MessageStatus", status),
        };
        if (errorCode is not null)
        {
            form.Add(new("ErrorCode", errorCode));
        }

        return form;
    }

    /// <summary>Posts an inbound text and returns the body of the cXML reply's &lt;Message&gt;, or null when it answered none.</summary>
    public static async Task<string?> TextAsync(this TestSilo silo, string messageSid, string from, string to, string body, params string[] mediaUrls)
    {
        using var response = await silo.PostSignedAsync(InboundPath, InboundForm(messageSid, from, to, body, mediaUrls));
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{InboundPath} answered {(int)response.StatusCode}: {xml}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return ReplyOf(xml);
    }

    /// <summary>
    /// Posts an inbound text and returns the auto-reply it got, however it was sent: through the REST API (recorded in
    /// the SMS log before the webhook is answered, the cXML then empty) or in the cXML answer. Null when none.
    /// </summary>
    public static async Task<string?> TextAndReplyAsync(this TestSilo silo, string tenantId, string messageSid, string from, string to, string body)
    {
        var inCxml = await silo.TextAsync(messageSid, from, to, body);
        var logged = (await silo.MessagesAsync(tenantId, "direction=outbound&limit=200")).Where(m => (string?)m["inReplyTo"] == messageSid).ToList();
        Assert.True(logged.Count <= 1, $"message {messageSid} was answered {logged.Count} times");
        var reply = logged.SingleOrDefault();
        Assert.True(inCxml is null || (string?)reply?["body"] == inCxml, $"the cXML reply '{inCxml}' is not the logged one");
        return (string?)reply?["body"];
    }

    public static string? ReplyOf(string cxml)
    {
        var root = XDocument.Parse(cxml).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        var messages = root.Elements("Message").ToList();
        Assert.True(messages.Count <= 1, cxml);
        return messages.SingleOrDefault()?.Value;
    }

    public static async Task<JsonObject> ListSmsAsync(this TestSilo silo, string tenantId, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/signalwire/sms?{query}").Authorized(TestTokens.For(tenantId, Permissions.SmsRead));
        using var response = await silo.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET /api/signalwire/sms?{query} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<List<JsonObject>> MessagesAsync(this TestSilo silo, string tenantId, string query = "") =>
        [.. (await silo.ListSmsAsync(tenantId, query))["messages"]!.AsArray().Select(m => m!.AsObject())];

    public static async Task<JsonObject?> FindSmsAsync(this TestSilo silo, string tenantId, string messageSid) =>
        (await silo.MessagesAsync(tenantId, "limit=200")).SingleOrDefault(m => (string?)m["messageSid"] == messageSid);

    public static async Task<HttpResponseMessage> SendSmsAsync(this TestSilo silo, string tenantId, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/signalwire/sms/send") { Content = JsonContent.Create(body) }
            .Authorized(TestTokens.For(tenantId, Permissions.SmsCreate));
        return await silo.Client.SendAsync(request);
    }

    /// <summary>Polls the SMS log until the message reaches <paramref name="status"/>.</summary>
    public static async Task<JsonObject> WaitForSmsStatusAsync(this TestSilo silo, string tenantId, string messageSid, string status, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var message = await silo.FindSmsAsync(tenantId, messageSid);
            if ((string?)message?["status"] == status)
            {
                return message!;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Message {messageSid} is {message?["status"]}, not {status}: {message?.ToJsonString()}");
            }

            await Task.Delay(50);
        }
    }
}
