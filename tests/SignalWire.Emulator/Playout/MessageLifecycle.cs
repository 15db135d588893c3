using System.Globalization;
using SignalWire.Emulator.Api;
using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Playout;

/// <summary>
/// Plays messages out: queued → sent → delivered, or undelivered / failed with an ErrorCode as scripted. An MMS stops
/// at sent, because carriers send no delivery receipt for MMS.
/// </summary>
internal sealed class MessageLifecycle(EmulatorState state, EmulatorOptions options, WebhookSender sender, BackgroundWork work)
{
    public void StartOutbound(MessageEntity message) => work.Run("message " + message.Sid, ct => PlayAsync(message, ct));

    /// <summary>An SMS/MMS arriving at an owned number: the number's SmsUrl gets it; returns its answer.</summary>
    public async Task<InboundMessageResult> ReceiveAsync(NumberEntity number, string from, string? body, IReadOnlyList<string> mediaUrls, CancellationToken cancellationToken)
    {
        var message = new MessageEntity
        {
            Sid = Guid.NewGuid().ToString(), To = number.PhoneNumber, From = from, Body = body, MediaUrls = [.. mediaUrls],
            Direction = "inbound", Status = "received", Script = MessageScript.Default,
        };
        string? smsUrl;
        string smsMethod;
        lock (state.Gate)
        {
            state.MessageEntities.Add(message);
            smsUrl = number.SmsUrl;
            smsMethod = number.SmsMethod;
        }

        if (smsUrl is null || !Uri.TryCreate(smsUrl, UriKind.Absolute, out var url))
        {
            return new InboundMessageResult(message.Sid, null, null);
        }

        var form = Form(message, "received");
        for (var i = 0; i < mediaUrls.Count; i++)
        {
            form.Add(new("MediaUrl" + i.ToString(CultureInfo.InvariantCulture), mediaUrls[i]));
            form.Add(new("MediaContentType" + i.ToString(CultureInfo.InvariantCulture), "image/jpeg"));
        }

        var answer = await sender.SendAsync("sms", url.AbsoluteUri, smsMethod, form, cancellationToken);
        return new InboundMessageResult(message.Sid, answer.StatusCode, answer.ResponseBody);
    }

    private async Task PlayAsync(MessageEntity message, CancellationToken cancellationToken)
    {
        var feed = new StatusFeed(sender, state.Delivery, "sms-status", message.StatusCallback, "POST");
        var step = TimeSpan.FromMilliseconds(options.StepDelayMilliseconds);
        await feed.EmitAsync(Form(message, "queued"), cancellationToken);
        await Task.Delay(step, cancellationToken);
        if (message.Script.Outcome == MessageOutcome.Failed)
        {
            await FinishAsync(feed, message, "failed", message.Script.ErrorCode ?? "30008", cancellationToken);
            return;
        }

        lock (state.Gate)
        {
            message.Status = "sent";
            message.DateSent = message.DateUpdated = DateTimeOffset.UtcNow;
        }

        // An MMS stops at sent, so that is its terminal callback.
        var isMms = message.MediaUrls.Count > 0;
        await feed.EmitAsync(Form(message, "sent"), cancellationToken, terminal: isMms && message.Script.Outcome == MessageOutcome.Delivered);
        if (message.Script.Outcome == MessageOutcome.Delivered && isMms)
        {
            await feed.FlushAsync(cancellationToken);
            return;
        }

        await Task.Delay(step, cancellationToken);
        if (message.Script.Outcome == MessageOutcome.Delivered)
        {
            await FinishAsync(feed, message, "delivered", null, cancellationToken);
        }
        else
        {
            await FinishAsync(feed, message, "undelivered", message.Script.ErrorCode ?? "30003", cancellationToken);
        }
    }

    private async Task FinishAsync(StatusFeed feed, MessageEntity message, string status, string? errorCode, CancellationToken cancellationToken)
    {
        lock (state.Gate)
        {
            message.Status = status;
            message.ErrorCode = errorCode;
            message.ErrorMessage = errorCode is null ? null : $"Delivery failed ({errorCode})";
            message.DateUpdated = DateTimeOffset.UtcNow;
        }

        var form = Form(message, status);
        if (errorCode is not null)
        {
            form.Add(new("ErrorCode", errorCode));
        }

        await feed.EmitAsync(form, cancellationToken, terminal: true);
        await feed.FlushAsync(cancellationToken);
    }

    private List<KeyValuePair<string, string>> Form(MessageEntity message, string status) =>
    [
        new("AccountSid", state.ProjectId),
        new("ApiVersion", Representations.ApiVersion),
        new("MessageSid", message.Sid),
        new("SmsSid", message.Sid),
        new("From", message.From),
        new("To", message.To),
        new("Body", message.Body ?? ""),
        new("NumMedia", message.MediaUrls.Count.ToString(CultureInfo.InvariantCulture)),
        new("NumSegments", message.NumSegments.ToString(CultureInfo.InvariantCulture)),
        new("MessageStatus", status),
        new("SmsStatus", status),
    ];
}

/// <summary>What the number's SmsUrl answered to a simulated inbound message (null status: no URL or no answer).</summary>
public sealed record InboundMessageResult(string MessageSid, int? StatusCode, string? Body);
