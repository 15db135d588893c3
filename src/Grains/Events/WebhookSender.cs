using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Receptionist.Grains.Events;

/// <summary>
/// Makes one signed delivery attempt (Standard Webhooks headers). Bounded whatever the receiver does: the attempt is
/// cut at <see cref="WebhookOptions.Timeout"/>, redirects are not followed (a 3xx is a failure), and the response
/// body is never read, only its status code.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory httpClients, IOptions<WebhookOptions> options, TimeProvider clock)
{
    public const string HttpClientName = "webhooks";

    public async Task<WebhookAttempt> SendAsync(WebhookTarget target, string eventId, string payload, CancellationToken cancellationToken = default)
    {
        var started = clock.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        var timestamp = started.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", eventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(target.Secret, eventId, timestamp, payload));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new WebhookAttempt(started, status, status is >= 200 and < 300 ? null : $"HTTP {status}", Elapsed(stopwatch));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttempt(started, null, $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s", Elapsed(stopwatch));
        }
        catch (HttpRequestException e)
        {
            return new WebhookAttempt(started, null, Short(e.Message), Elapsed(stopwatch));
        }
    }

    public static bool Succeeded(WebhookAttempt attempt) => attempt.StatusCode is >= 200 and < 300;

    private static int Elapsed(Stopwatch stopwatch) => (int)Math.Min(int.MaxValue, stopwatch.ElapsedMilliseconds);

    private static string Short(string message) => message.Length <= 200 ? message : message[..200] + "...";
}
