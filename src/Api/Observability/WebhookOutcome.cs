using Microsoft.AspNetCore.Http;

namespace Receptionist.Api.Observability;

/// <summary>
/// What a webhook handler learnt from its grain (accepted, duplicate, stale, …), the tenant and the SID, kept on the
/// request for the request log line and the webhook metrics. Handlers report it with <see cref="WebhookOutcomes.Report"/>.
/// </summary>
public sealed record WebhookOutcome(string Outcome, string? Reason, string? TenantId, string? Sid);

public static class WebhookOutcomes
{
    /// <summary>Marks a route as a SignalWire webhook: counted and timed per outcome.</summary>
    public sealed class Marker
    {
        public static readonly Marker Instance = new();
    }

    /// <summary>Records the grain's verdict; a number no tenant owns is a rejection (reason <c>unknown_number</c>).</summary>
    public static void Report<TResult>(this HttpContext http, TResult result, string? tenantId, string? sid)
        where TResult : struct, Enum
    {
        var name = result.ToString();
        http.Features.Set(name == "UnknownNumber"
            ? new WebhookOutcome("rejected", "unknown_number", tenantId, sid)
            : new WebhookOutcome(SnakeCase(name), null, tenantId, sid));
    }

    /// <summary>Records a voice request the call's grain answered with what the caller hears next.</summary>
    public static void ReportAnswered(this HttpContext http, string sid) =>
        http.Features.Set(new WebhookOutcome("answered", null, null, sid));

    /// <summary>The outcome of an answered webhook: the handler's report, else what the status code says.</summary>
    public static WebhookOutcome Of(HttpContext http, int statusCode) =>
        http.Features.Get<WebhookOutcome>() is { } reported && statusCode < 400
            ? reported
            : statusCode switch
            {
                StatusCodes.Status403Forbidden => new WebhookOutcome("rejected", "signature", null, null),
                StatusCodes.Status400BadRequest => new WebhookOutcome("rejected", "malformed", null, null),
                StatusCodes.Status413PayloadTooLarge => new WebhookOutcome("rejected", "too_large", null, null),
                >= 500 => new WebhookOutcome("failed", null, null, null),
                >= 400 => new WebhookOutcome("rejected", "other", null, null),
                _ => new WebhookOutcome("answered", null, null, null),
            };

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
