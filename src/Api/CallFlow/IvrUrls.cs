using Microsoft.AspNetCore.Http;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// Absolute URLs of the IVR's own webhooks, under the base <see cref="SignalWire.CallbackUrls"/> chooses.
/// </summary>
public sealed class IvrUrls(string baseUrl)
{
    public const string EventPath = "/api/mcp/ivr/event";
    public const string RecordingPath = "/api/signalwire/webhook/recording";
    public const string SwaigPath = "/api/mcp/ai/swaig";

    public string BaseUrl { get; } = baseUrl.TrimEnd('/');

    public Uri Event(IvrPosition at) => new(BaseUrl + EventPath + at.ToQuery());

    public Uri RecordingCallback => new(BaseUrl + RecordingPath);

    /// <summary>The SWAIG function webhook, with a tenant's credentials as URL user info (SignalWire sends them as Basic auth).</summary>
    public Uri Swaig(string tenantId, string secret) =>
        new UriBuilder(BaseUrl + SwaigPath) { UserName = Uri.EscapeDataString(tenantId), Password = secret }.Uri;
}
