using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Receptionist.Api.Validation;
using Receptionist.Grains.Messaging;

namespace Receptionist.Api.Webhooks;

/// <summary>Turns SMS webhook forms into messages and status updates, or into field errors (then nothing happens).</summary>
public static partial class SmsWebhookParser
{
    /// <summary>More than SignalWire's documented 10 media per message: anything beyond is not a real webhook.</summary>
    private const int MaxMedia = 10;

    public static (InboundMessage? Message, Dictionary<string, string[]> Errors) ParseInbound(IFormCollection form, DateTimeOffset receivedAt)
    {
        var errors = new Dictionary<string, string[]>();
        var sid = MessageSid(form, errors);
        var from = Text(form, "From");
        if (from is null)
        {
            errors["From"] = ["Required: the sender."];
        }

        var to = Text(form, "To");
        if (!E164.IsValid(to))
        {
            errors["To"] = [to is null ? "Required: the number that was texted." : $"{RequestValidator.Quote(to)} is not an E.164 number."];
        }

        var numMedia = Count(form, "NumMedia", errors) ?? 0;
        if (numMedia > MaxMedia)
        {
            errors["NumMedia"] = [$"At most {MaxMedia}."];
        }

        var media = new List<MessageMedia>();
        for (var i = 0; i < Math.Min(numMedia, MaxMedia); i++)
        {
            var url = Text(form, "MediaUrl" + i.ToString(CultureInfo.InvariantCulture));
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors["MediaUrl" + i.ToString(CultureInfo.InvariantCulture)] = [url is null ? "Required by NumMedia." : $"{RequestValidator.Quote(url)} is not an absolute http(s) URL."];
                continue;
            }

            media.Add(new MessageMedia(url, Text(form, "MediaContentType" + i.ToString(CultureInfo.InvariantCulture))));
        }

        var segments = Count(form, "NumSegments", errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new InboundMessage
        {
            MessageSid = sid!,
            AccountSid = Text(form, "AccountSid"),
            From = from!,
            To = to!,
            // The body is the customer's text as written: never trimmed.
            Body = form["Body"].FirstOrDefault(),
            Media = media,
            NumSegments = segments,
            ReceivedAt = receivedAt,
        }, errors);
    }

    public static (MessageStatusUpdate? Update, Dictionary<string, string[]> Errors) ParseStatus(IFormCollection form, DateTimeOffset receivedAt)
    {
        var errors = new Dictionary<string, string[]>();
        var sid = MessageSid(form, errors);
        var statusText = Text(form, "MessageStatus") ?? Text(form, "SmsStatus");
        if (!MessageStatuses.TryParse(statusText, out var status))
        {
            errors["MessageStatus"] = [statusText is null ? "Required." : $"{RequestValidator.Quote(statusText)} is not one of {string.Join(", ", MessageStatuses.WireNames)}."];
        }

        var errorCode = Text(form, "ErrorCode");
        if (errorCode is not null && !ErrorCode().IsMatch(errorCode))
        {
            errors["ErrorCode"] = [$"{RequestValidator.Quote(errorCode)} is not an error code."];
        }

        var segments = Count(form, "NumSegments", errors);
        decimal? price = null;
        if (Text(form, "Price") is { } priceText)
        {
            if (decimal.TryParse(priceText, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                price = Math.Abs(parsed);
            }
            else
            {
                errors["Price"] = [$"{RequestValidator.Quote(priceText)} is not a number."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new MessageStatusUpdate
        {
            MessageSid = sid!,
            Status = status,
            From = Text(form, "From"),
            To = Text(form, "To"),
            Body = form["Body"].FirstOrDefault(),
            // "0" is how some senders say "no error".
            ErrorCode = errorCode is "0" ? null : errorCode,
            NumSegments = segments,
            Price = price,
            PriceUnit = Text(form, "PriceUnit")?.ToUpperInvariant(),
            ReceivedAt = receivedAt,
        }, errors);
    }

    /// <summary><c>MessageSid</c>, or Twilio's <c>SmsSid</c> alias when that is all there is.</summary>
    private static string? MessageSid(IFormCollection form, Dictionary<string, string[]> errors)
    {
        var sid = Text(form, "MessageSid") ?? Text(form, "SmsSid");
        if (!Sids.IsValid(sid))
        {
            errors["MessageSid"] = [sid is null ? "Required." : "Not a valid SID."];
        }

        return sid;
    }

    private static string? Text(IFormCollection form, string name) => WebhookFields.Text(form, name);

    private static int? Count(IFormCollection form, string field, Dictionary<string, string[]> errors)
    {
        if (Text(form, field) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = [$"{RequestValidator.Quote(text)} is not a whole number of at least 0."];
        return null;
    }

    [GeneratedRegex(@"^[0-9]{1,10}\z")]
    private static partial Regex ErrorCode();
}
