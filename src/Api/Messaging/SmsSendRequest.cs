using Receptionist.Api.Validation;

namespace Receptionist.Api.Messaging;

/// <summary>The body of <c>POST /api/signalwire/sms/send</c>: an SMS (body) or MMS (media URLs, at most 8).</summary>
public sealed record SmsSendRequest(string? To, string? From, string? Body, IReadOnlyList<string>? MediaUrls)
{
    public const int MaxBodyLength = 1600;
    public const int MaxMedia = 8;

    public RequestValidator Validate()
    {
        var media = MediaUrls ?? [];
        var check = new RequestValidator()
            .Required("to", To).E164("to", To)
            .Required("from", From).E164("from", From)
            .MaxLength("body", Body, MaxBodyLength)
            .Check(!string.IsNullOrWhiteSpace(Body) || media.Count > 0, "body", "A body or at least one media URL is required.")
            .Check(media.Count <= MaxMedia, "mediaUrls", $"At most {MaxMedia} media URLs.")
            .Check(To is null || To != From, "to", "Must differ from from.");
        foreach (var url in media)
        {
            check.Check(url is not null, "mediaUrls", "Media URLs cannot be null.").AbsoluteHttpUrl("mediaUrls", url);
        }

        return check;
    }
}
