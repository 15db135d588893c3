using Receptionist.Grains.Calls;
using Receptionist.Grains.Messaging;
using Receptionist.Grains.SignalWire.Models;

namespace Receptionist.Grains.Reconciliation;

/// <summary>
/// What SignalWire's REST API reports about a call or message, as the webhook it would have sent: the grains apply it
/// through the same methods, so deduplication, ordering, analytics and tenant events behave as for a real callback.
/// </summary>
public static class SignalWireFacts
{
    /// <summary>A status event for the call's current status, timed when it happened; null for a status we do not know.</summary>
    public static CallEvent? ToCallEvent(SignalWireCall call, DateTimeOffset now)
    {
        if (!CallStatuses.TryParse(call.Status, out var status))
        {
            return null;
        }

        var occurredAt = status switch
        {
            _ when status.IsTerminal() => call.EndTime ?? call.DateUpdated,
            CallStatus.InProgress => call.StartTime ?? call.DateUpdated,
            _ => call.DateUpdated ?? call.DateCreated,
        };
        return new CallEvent
        {
            Kind = CallEventKind.Status,
            CallSid = call.Sid,
            AccountSid = string.IsNullOrEmpty(call.AccountSid) ? null : call.AccountSid,
            From = string.IsNullOrEmpty(call.From) ? null : call.From,
            To = string.IsNullOrEmpty(call.To) ? null : call.To,
            // The REST resource says "outbound" where callbacks say "outbound-api"; the call's first event already named it.
            Direction = call.Direction switch
            {
                "outbound" => "outbound-api",
                "inbound" or ['o', 'u', 't', 'b', 'o', 'u', 'n', 'd', '-', ..] => call.Direction,
                _ => null,
            },
            Status = status,
            OccurredAt = occurredAt ?? now,
            DurationSeconds = status.IsTerminal() ? call.Duration : null,
            Price = call.Price is { } price ? Math.Abs(price) : null,
            PriceUnit = call.PriceUnit?.ToUpperInvariant(),
            AnsweredBy = call.AnsweredBy,
            ParentCallSid = call.ParentCallSid,
        };
    }

    /// <summary>
    /// A status callback for message <paramref name="messageSid"/> (ours, which differs from SignalWire's for an
    /// auto-reply answered in cXML) carrying <paramref name="message"/>'s status; null for a status we do not know.
    /// </summary>
    public static MessageStatusUpdate? ToStatusUpdate(SignalWireMessage message, string messageSid, DateTimeOffset now)
    {
        if (!MessageStatuses.TryParse(message.Status, out var status))
        {
            return null;
        }

        return new MessageStatusUpdate
        {
            MessageSid = messageSid,
            Status = status,
            From = string.IsNullOrEmpty(message.From) ? null : message.From,
            To = string.IsNullOrEmpty(message.To) ? null : message.To,
            Body = message.Body,
            ErrorCode = message.ErrorCode is null or "" or "0" ? null : message.ErrorCode,
            NumSegments = message.NumSegments,
            Price = message.Price is { } price ? Math.Abs(price) : null,
            PriceUnit = message.PriceUnit?.ToUpperInvariant(),
            ReceivedAt = message.DateUpdated ?? message.DateSent ?? now,
        };
    }
}
