using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Receptionist.Api.Webhooks;
using Receptionist.Grains.CallFlow;

namespace Receptionist.Api.SignalWire;

/// <summary>
/// The one place that names the routes SignalWire calls and builds the absolute URLs it is told to call back (calls,
/// numbers, messages, the IVR, the AI agent's functions); the routes are mapped from the same constants. URLs start
/// with <c>SignalWire:PublicBaseUrl</c> when it is set (behind a proxy, the only URL SignalWire can reach); otherwise
/// with the URL this request reached us on, the same rule the signature check uses, so a callback to a derived URL
/// validates. A deployment whose clients reach it on an internal address must set PublicBaseUrl.
/// </summary>
public sealed class CallbackUrls(IOptions<SignalWireWebhookOptions> options)
{
    public const string VoiceEntryPath = "/api/mcp/ivr/entry";
    public const string IvrEventPath = "/api/mcp/ivr/event";
    public const string IvrLogPath = "/api/mcp/ivr/log";
    public const string CallStatusPath = "/api/signalwire/webhook/call-status";
    public const string RecordingPath = "/api/signalwire/webhook/recording";
    public const string SmsPath = "/api/signalwire/webhook/sms";
    public const string SmsStatusPath = "/api/signalwire/webhook/sms-status";
    public const string SwaigPath = "/api/mcp/ai/swaig";
    public const string PostPromptPath = "/api/mcp/ai/post-prompt";
    public const string TranscriptionPath = "/api/signalwire/webhook/transcription";

    public string Base(HttpRequest request)
    {
        var configured = options.Value.PublicBaseUrl;
        var origin = string.IsNullOrEmpty(configured) ? $"{request.Scheme}://{request.Host.ToUriComponent()}" : configured.TrimEnd('/');
        return origin + request.PathBase.ToUriComponent();
    }

    public string For(HttpRequest request, string path) => Base(request) + path;

    /// <summary>The IVR event webhook for a call at <paramref name="at"/>: the position travels in the query.</summary>
    public Uri IvrEvent(HttpRequest request, IvrPosition at) =>
        new(For(request, IvrEventPath) + QueryString.Create(new KeyValuePair<string, string?>[]
        {
            new("stage", at.Stage), new("turn", at.Turn.ToString(CultureInfo.InvariantCulture)),
            new("attempt", at.Attempt.ToString(CultureInfo.InvariantCulture)), new("option", at.Option ?? IvrPosition.NoOption),
        }).ToUriComponent());

    /// <summary>The position an IVR event URL carries, or null when its query is not one we built.</summary>
    public static IvrPosition? PositionOf(IQueryCollection query)
    {
        var stage = query["stage"].ToString();
        if (!IvrPosition.Stages.Contains(stage)
            || !int.TryParse(query["turn"], NumberStyles.None, CultureInfo.InvariantCulture, out var turn)
            || !int.TryParse(query["attempt"], NumberStyles.None, CultureInfo.InvariantCulture, out var attempt))
        {
            return null;
        }

        var option = query["option"].ToString();
        return new IvrPosition(stage, turn, attempt, option.Length == 0 || option == IvrPosition.NoOption ? null : option);
    }

    /// <summary>The SWAIG function webhook, with a tenant's credentials as URL user info (SignalWire sends them as Basic auth).</summary>
    public Uri Swaig(HttpRequest request, string tenantId, string secret) => WithCredentials(request, SwaigPath, tenantId, secret);

    /// <summary>The AI agent's post-prompt report URL, with the same tenant credentials as its functions.</summary>
    public Uri PostPrompt(HttpRequest request, string tenantId, string secret) => WithCredentials(request, PostPromptPath, tenantId, secret);

    private Uri WithCredentials(HttpRequest request, string path, string tenantId, string secret) =>
        new UriBuilder(For(request, path)) { UserName = Uri.EscapeDataString(tenantId), Password = secret }.Uri;
}
