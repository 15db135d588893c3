using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Playout;

/// <summary>
/// The status callbacks of one call or message. Applies the delivery mode in force when it started: duplicates, or
/// everything held back and released newest first once the call or message is final.
/// </summary>
internal sealed class StatusFeed(WebhookSender sender, CallbackDelivery delivery, string kind, Uri? url, string method)
{
    private readonly List<IReadOnlyList<KeyValuePair<string, string>>> held = [];

    /// <summary>Sends (or holds) one callback; a <paramref name="terminal"/> one is lost when the delivery mode drops those.</summary>
    public async Task EmitAsync(IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken, bool terminal = false)
    {
        if (url is null)
        {
            return;
        }

        if (terminal && (delivery.HasFlag(CallbackDelivery.DropTerminal) || sender.TakeTerminalLoss()))
        {
            sender.RecordLost(kind, url.AbsoluteUri, form);
            return;
        }

        if (delivery.HasFlag(CallbackDelivery.Reverse))
        {
            held.Add(form);
            return;
        }

        await DeliverAsync(form, cancellationToken);
    }

    /// <summary>Called once the call or message is final.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        for (var i = held.Count - 1; i >= 0; i--)
        {
            await DeliverAsync(held[i], cancellationToken);
        }

        held.Clear();
    }

    private async Task DeliverAsync(IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        await sender.SendStatusAsync(kind, url!.AbsoluteUri, method, form, cancellationToken);
        if (delivery.HasFlag(CallbackDelivery.Duplicate))
        {
            await sender.SendStatusAsync(kind, url.AbsoluteUri, method, form, cancellationToken);
        }
    }
}
