using SignalWire.Emulator.Playout;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Receptionist.Api.Auth;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Ivr;

/// <summary>
/// One caller on one call, driven the way SignalWire drives it: signed form POSTs to the voice URL, then to whatever
/// action URL the last cXML named (Gather, Redirect, Dial, Record), each answer parsed as XML.
/// </summary>
public sealed class IvrCaller(TestSilo silo, string tenantNumber, string caller)
{
    public string CallSid { get; } = Guid.NewGuid().ToString();

    /// <summary>The last cXML document the call received.</summary>
    public XElement Response { get; private set; } = new("Response");

    public async Task<XElement> DialInAsync() => Response = await PostAsync(CallWebhookClient.EntryPath, [("CallStatus", "ringing")]);

    /// <summary>Answers the menu's Gather with keys pressed.</summary>
    public Task<XElement> PressAsync(string digits) => FollowAsync("Gather", ("Digits", digits));

    /// <summary>Answers the menu's Gather with words (SignalWire's speech result).</summary>
    public Task<XElement> SayAsync(string speech) => FollowAsync("Gather", ("SpeechResult", speech), ("Confidence", "0.91"));

    /// <summary>The caller says nothing: SignalWire falls through the Gather to the Redirect.</summary>
    public Task<XElement> StaySilentAsync() => FollowRedirectAsync();

    public Task<XElement> DialEndsAsync(string dialStatus) => FollowAsync("Dial", ("DialCallStatus", dialStatus), ("DialCallDuration", "0"));

    public Task<XElement> RecordingEndsAsync(string? recordingUrl) =>
        recordingUrl is null
            ? FollowAsync("Record")
            : FollowAsync("Record", ("RecordingUrl", recordingUrl), ("RecordingDuration", "12"), ("RecordingSid", $"re-{CallSid}"));

    public async Task<XElement> FollowRedirectAsync()
    {
        var redirect = Response.Element("Redirect") ?? throw new InvalidOperationException($"No Redirect in {Response}");
        return Response = await PostAsync(redirect.Value, []);
    }

    public async Task<XElement> FollowAsync(string verb, params (string Key, string Value)[] fields)
    {
        var element = Response.Descendants(verb).FirstOrDefault() ?? throw new InvalidOperationException($"No {verb} in {Response}");
        return Response = await PostAsync(element.Attribute("action")!.Value, fields);
    }

    /// <summary>Posts a status callback for this call (e.g. <c>completed</c> when the caller hangs up).</summary>
    public async Task StatusAsync(string status)
    {
        using var response = await silo.PostSignedAsync(CallWebhookClient.CallStatusPath, Form(("CallStatus", status)));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    public async Task<JsonObject> DetailsAsync(string tenantId)
    {
        var (status, call) = await silo.GetCallAsync(tenantId, CallSid);
        Assert.Equal(HttpStatusCode.OK, status);
        return call!;
    }

    /// <summary>The kinds of the call's IVR steps, in order.</summary>
    public async Task<string[]> StepsAsync(string tenantId) =>
        [.. (await DetailsAsync(tenantId))["ivr"]!["steps"]!.AsArray().Select(s => (string)s!["kind"]!)];

    /// <summary>Posts to <paramref name="url"/> for this call, signed as SignalWire would, and reports the answer whatever it is.</summary>
    public async Task<(HttpStatusCode StatusCode, string Body)> ProbeAsync(string url, (string Key, string Value)[] fields)
    {
        var absolute = new Uri(silo.Client.BaseAddress!, url);
        var form = Form([("CallStatus", "in-progress"), .. fields]);
        using var request = new HttpRequestMessage(HttpMethod.Post, absolute) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-SignalWire-Signature", WebhookSigner.Sign(SiloProcess.SigningKey, absolute.ToString(), form));
        using var response = await silo.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<XElement> PostAsync(string url, (string Key, string Value)[] fields)
    {
        // Action URLs are absolute (with their query), and SignalWire signs exactly the URL it requests.
        var absolute = new Uri(silo.Client.BaseAddress!, url);
        var form = Form([("CallStatus", "in-progress"), .. fields]);
        using var request = new HttpRequestMessage(HttpMethod.Post, absolute) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-SignalWire-Signature", WebhookSigner.Sign(SiloProcess.SigningKey, absolute.ToString(), form));
        using var response = await silo.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        return XElement.Parse(body);
    }

    private List<KeyValuePair<string, string>> Form(params (string Key, string Value)[] fields)
    {
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = CallSid,
            ["AccountSid"] = "6bfbbe86-a901-4197-8759-2a0de1fa319d",
            ["ApiVersion"] = "2010-04-01",
            ["From"] = caller,
            ["To"] = tenantNumber,
            ["Direction"] = "inbound",
            ["CallStatus"] = "ringing",
        };
        foreach (var (key, value) in fields)
        {
            form[key] = value;
        }

        return [.. form];
    }
}
