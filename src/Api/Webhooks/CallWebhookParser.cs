using System.Globalization;
using Microsoft.AspNetCore.Http;
using Receptionist.Api.Validation;
using Receptionist.Grains.Calls;

namespace Receptionist.Api.Webhooks;

/// <summary>Turns a call webhook's form into a <see cref="CallEvent"/>, or into field errors (then nothing happens).</summary>
public static class CallWebhookParser
{
    public static (CallEvent? Event, Dictionary<string, string[]> Errors) Parse(IFormCollection form, CallEventKind kind, DateTimeOffset receivedAt)
    {
        var errors = new Dictionary<string, string[]>();
        string? Text(string name) => WebhookFields.Text(form, name);

        var callSid = Text("CallSid");
        if (!Sids.IsValid(callSid))
        {
            errors["CallSid"] = [callSid is null ? "Required." : "Not a valid SID."];
        }

        CallStatus? status = null;
        var statusText = Text("CallStatus");
        if (statusText is not null && CallStatuses.TryParse(statusText, out var parsedStatus))
        {
            status = parsedStatus;
        }
        else if (statusText is not null || kind != CallEventKind.Recording)
        {
            errors["CallStatus"] = [statusText is null ? "Required." : $"{RequestValidator.Quote(statusText)} is not one of {string.Join(", ", CallStatuses.WireNames)}."];
        }

        var recordingSid = Text("RecordingSid");
        if (kind == CallEventKind.Recording && recordingSid is null)
        {
            errors["RecordingSid"] = ["Required."];
        }

        if (kind == CallEventKind.VoiceRequest && Text("To") is null)
        {
            errors["To"] = ["Required: the number that was called."];
        }

        var direction = Text("Direction");
        if (direction is not null && direction != "inbound" && !direction.StartsWith("outbound", StringComparison.Ordinal))
        {
            errors["Direction"] = [$"{RequestValidator.Quote(direction)} is not inbound, outbound-api or outbound-dial."];
        }

        var occurredAt = receivedAt;
        if (Text("Timestamp") is { } timestamp && !Rfc2822.TryParse(timestamp, out occurredAt))
        {
            errors["Timestamp"] = [$"{RequestValidator.Quote(timestamp)} is not an RFC 2822 date."];
        }

        var sequence = Count(Text("SequenceNumber"), "SequenceNumber", errors);
        var duration = Count(Text("CallDuration"), "CallDuration", errors);
        var recordingDuration = Count(Text("RecordingDuration"), "RecordingDuration", errors);
        var price = Price(Text("Price") ?? Text("CallPrice"), errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new CallEvent
        {
            Kind = kind,
            CallSid = callSid!,
            AccountSid = Text("AccountSid"),
            From = Text("From"),
            To = Text("To"),
            Direction = direction,
            Status = status,
            OccurredAt = occurredAt,
            SequenceNumber = sequence,
            DurationSeconds = duration,
            Price = price,
            PriceUnit = Text("PriceUnit")?.ToUpperInvariant(),
            AnsweredBy = Text("AnsweredBy"),
            ParentCallSid = Text("ParentCallSid"),
            RecordingSid = recordingSid,
            RecordingUrl = Text("RecordingUrl"),
            RecordingStatus = Text("RecordingStatus")?.ToLowerInvariant(),
            RecordingDurationSeconds = recordingDuration,
            HangupBy = Text("HangupBy"),
            SipResultCode = Text("SipResultCode"),
        }, errors);
    }

    private static int? Count(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
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

    /// <summary>SignalWire's prices change sign between resources and doc versions; the amount is what matters.</summary>
    private static decimal? Price(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return Math.Abs(value);
        }

        errors["Price"] = [$"{RequestValidator.Quote(text)} is not a number."];
        return null;
    }
}
