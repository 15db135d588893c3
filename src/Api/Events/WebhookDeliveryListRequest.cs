using Receptionist.Api.Paging;
using Receptionist.Api.Validation;
using Receptionist.Grains.Events;

namespace Receptionist.Api.Events;

/// <summary>The query of <c>GET /api/webhooks/endpoints/{id}/deliveries</c>: <c>status</c>, <c>limit</c>, <c>cursor</c>.</summary>
public sealed record WebhookDeliveryListRequest(string? Status, int? Limit, string? Cursor)
{
    public const int MaxLimit = 100;

    public (WebhookDeliveryQuery? Query, RequestValidator Check) ToQuery(string tenantId, string endpointId)
    {
        var check = new RequestValidator().Range("limit", Limit, 1, MaxLimit);
        WebhookDeliveryStatus? status = null;
        if (Status is not null)
        {
            if (WebhookStatuses.TryParse(Status, out var parsed))
            {
                status = parsed;
            }
            else
            {
                check.Add("status", $"{RequestValidator.Quote(Status)} is not one of {string.Join(", ", WebhookStatuses.WireNames)}.");
            }
        }

        var after = Cursor is null ? null : PageCursor.Decode(Cursor);
        check.Check(Cursor is null || after is not null, "cursor", "Not a cursor this API returned.");
        return check.IsValid
            ? (new WebhookDeliveryQuery(tenantId, endpointId, status, Limit ?? 20, after?.CreatedAt, after?.Sid), check)
            : (null, check);
    }

    public static string EncodeCursor(WebhookDelivery last) => PageCursor.Encode(last.CreatedAt, last.DeliveryId);
}
