using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Receptionist.Api.Webhooks;

namespace Receptionist.Api.SignalWire;

/// <summary>
/// The one place that builds the absolute URLs SignalWire is told to call back (calls, numbers, messages, the IVR). They start with
/// <c>SignalWire:PublicBaseUrl</c> when it is set (behind a proxy, the only URL SignalWire can reach); otherwise with
/// the URL this request reached us on, the same rule the signature check uses, so a callback to a derived URL
/// validates. A deployment whose clients reach it on an internal address must set PublicBaseUrl.
/// </summary>
public sealed class CallbackUrls(IOptions<SignalWireWebhookOptions> options)
{
    public const string VoiceEntryPath = "/api/mcp/ivr/entry";
    public const string CallStatusPath = "/api/signalwire/webhook/call-status";
    public const string RecordingPath = "/api/signalwire/webhook/recording";
    public const string SmsPath = "/api/signalwire/webhook/sms";
    public const string SmsStatusPath = "/api/signalwire/webhook/sms-status";
    public const string IvrEventPath = "/api/mcp/ivr/event";

    public string Base(HttpRequest request)
    {
        var configured = options.Value.PublicBaseUrl;
        var origin = string.IsNullOrEmpty(configured) ? $"{request.Scheme}://{request.Host.ToUriComponent()}" : configured.TrimEnd('/');
        return origin + request.PathBase.ToUriComponent();
    }

    public string For(HttpRequest request, string path) => Base(request) + path;
}
