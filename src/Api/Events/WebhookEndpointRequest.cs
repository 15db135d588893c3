using Receptionist.Api.Validation;
using Receptionist.Grains.Events;

namespace Receptionist.Api.Events;

/// <summary>
/// The body of <c>POST /api/webhooks/endpoints</c> and <c>PUT /api/webhooks/endpoints/{id}</c>: where to deliver
/// (https), which event types, whether deliveries go out (default true) and a note for people.
/// </summary>
public sealed record WebhookEndpointRequest(string? Url, IReadOnlyList<string?>? EventTypes, bool? Enabled, string? Description)
{
    public const int MaxDescriptionLength = 200;

    public RequestValidator Validate(bool allowLoopbackHttp)
    {
        var types = EventTypes ?? [];
        var check = new RequestValidator()
            .Required("url", Url)
            .Check(EventTypes is not null && types.Count > 0, "eventTypes", $"At least one of: {string.Join(", ", WebhookEventTypes.All)}.")
            .Check(types.Count <= WebhookEventTypes.All.Count, "eventTypes", $"At most {WebhookEventTypes.All.Count} event types.")
            .Text("description", Description, MaxDescriptionLength);
        if (!string.IsNullOrWhiteSpace(Url) && WebhookUrls.Problem(Url, allowLoopbackHttp) is { } problem)
        {
            check.Add("url", problem);
        }

        foreach (var type in types.Take(WebhookEventTypes.All.Count + 1))
        {
            check.Check(type is not null && WebhookEventTypes.IsKnown(type), "eventTypes",
                $"{RequestValidator.Quote(type ?? "null")} is not one of {string.Join(", ", WebhookEventTypes.All)}.");
        }

        return check;
    }

    public WebhookEndpointSpec ToSpec() =>
        new(Url!, [.. EventTypes!.Distinct(StringComparer.Ordinal)!], Enabled ?? true, string.IsNullOrWhiteSpace(Description) ? null : Description);
}
