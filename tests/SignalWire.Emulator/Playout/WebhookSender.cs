using System.Net.Http.Headers;
using System.Text;
using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Playout;

/// <summary>
/// Posts signed webhooks like SignalWire: form-encoded with both signature headers (cXML), or JSON signed over the raw
/// body (the AI agent's); a read timeout and a log entry each.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, EmulatorOptions options, EmulatorState state, ILogger<WebhookSender> logger)
{
    public const string ClientName = "emulator-webhooks";

    /// <summary>Sends once (voice and SMS URLs are never retried; SignalWire goes to the fallback instead).</summary>
    public async Task<DeliveredWebhook> SendAsync(string kind, string url, string method, IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var isGet = string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        var target = url;
        if (isGet)
        {
            var query = string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
            target = url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
        }

        // For GET the parameters are already in the URL, so nothing is appended to the signed text.
        var signature = WebhookSigner.Sign(options.SigningKey, target, isGet ? [] : form);
        using var request = new HttpRequestMessage(isGet ? HttpMethod.Get : HttpMethod.Post, target);
        request.Headers.TryAddWithoutValidation("X-SignalWire-Signature", signature);
        request.Headers.TryAddWithoutValidation("X-Twilio-Signature", signature);
        request.Headers.UserAgent.ParseAdd("SignalWire-Emulator/1.0");
        if (!isGet)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        var (status, body) = await ExchangeAsync(kind, request, cancellationToken);
        var delivered = new DeliveredWebhook(kind, target, form, signature, status, body);
        state.LogWebhook(delivered);
        return delivered;
    }

    /// <summary>
    /// Posts JSON as the SWML AI agent does (SWAIG functions, post-prompt report): credentials in the URL become Basic
    /// auth, and the body is signed as SignalWire signs JSON (hex HMAC-SHA1 over the URL without credentials + body).
    /// </summary>
    public async Task<DeliveredWebhook> SendJsonAsync(string kind, Uri url, string json, CancellationToken cancellationToken)
    {
        var bare = new UriBuilder(url) { UserName = "", Password = "" }.Uri.AbsoluteUri;
        var signature = WebhookSigner.SignJson(options.SigningKey, bare, json);
        using var request = new HttpRequestMessage(HttpMethod.Post, bare) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-SignalWire-Signature", signature);
        request.Headers.UserAgent.ParseAdd("SignalWire-Emulator/1.0");
        if (url.UserInfo.Length > 0)
        {
            var credentials = Uri.UnescapeDataString(url.UserInfo);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        var (status, body) = await ExchangeAsync(kind, request, cancellationToken);
        var delivered = new DeliveredWebhook(kind, bare, [new("json", json)], signature, status, body);
        state.LogWebhook(delivered);
        return delivered;
    }

    /// <summary>True when a loss was armed for the next terminal status callback (which is then never sent).</summary>
    public bool TakeTerminalLoss() => state.TakeTerminalLoss();

    /// <summary>Notes a callback that was deliberately never sent.</summary>
    public void RecordLost(string kind, string url, IReadOnlyList<KeyValuePair<string, string>> form) =>
        state.LogLost(new DeliveredWebhook(kind, url, form, "", null, null));

    /// <summary>Status callbacks get up to 3 attempts, as SignalWire documents; anything but 2xx is a failure.</summary>
    public async Task SendStatusAsync(string kind, string url, string method, IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var result = await SendAsync(kind, url, method, form, cancellationToken);
            if (result.StatusCode is >= 200 and < 300)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), cancellationToken);
        }
    }

    /// <summary>Sends with SignalWire's read timeout; a receiver that fails or never answers gives a null status.</summary>
    private async Task<(int? Status, string? Body)> ExchangeAsync(string kind, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.WebhookTimeoutMilliseconds);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogInformation("Emulator {Kind} webhook to {Url} got no answer: {Error}", kind, request.RequestUri, ex.Message);
            return (null, null);
        }
    }
}
