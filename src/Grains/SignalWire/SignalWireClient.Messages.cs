using System.Globalization;
using Receptionist.Grains.SignalWire.Models;
using Receptionist.Grains.SignalWire.Wire;

namespace Receptionist.Grains.SignalWire;

public sealed partial class SignalWireClient
{
    /// <summary>Sends an SMS, or an MMS when media URLs are given. Never retried: a repeat could send twice.</summary>
    public Task<SignalWireMessage> SendMessageAsync(SendMessageRequest message, CancellationToken cancellationToken = default)
    {
        var form = new FormBody()
            .Add("To", message.To)
            .Add("From", message.From)
            .Add("Body", message.Body)
            .AddEach("MediaUrl", message.MediaUrls.Select(u => u.AbsoluteUri))
            .Add("StatusCallback", message.StatusCallback);
        return SendAsync<SignalWireMessage>(HttpMethod.Post, AccountUri("Messages"), form, "send a message", cancellationToken);
    }

    public Task<SignalWireMessage> GetMessageAsync(string messageSid, CancellationToken cancellationToken = default) =>
        SendAsync<SignalWireMessage>(HttpMethod.Get, AccountUri("Messages/" + Segment(messageSid)), null, "fetch a message", cancellationToken);

    /// <summary>Lists messages newest first, across pages, up to <see cref="MessageQuery.MaxResults"/>.</summary>
    public Task<IReadOnlyList<SignalWireMessage>> ListMessagesAsync(MessageQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new MessageQuery();
        var filters = new FormBody()
            .Add("To", query.To)
            .Add("From", query.From)
            .Add("DateSent", query.DateSent?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Add("PageSize", Math.Clamp(query.PageSize, 1, 1000));
        return ListAsync<SignalWireMessage>(AccountUri("Messages", filters.ToQueryString()), "messages", query.MaxResults, "list messages", cancellationToken);
    }
}
