using SignalWire.Emulator.Playout;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Hardening;

/// <summary>Webhooks signed as SignalWire signs them, for any base address (an in-process silo or a silo process).</summary>
public static class SignedForms
{
    public static Task<HttpResponseMessage> PostSignedAsync(this HttpClient client, string path, IReadOnlyList<KeyValuePair<string, string>> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-SignalWire-Signature", WebhookSigner.Sign(SiloProcess.SigningKey, new Uri(client.BaseAddress!, path).ToString(), form));
        return client.SendAsync(request);
    }

    public static List<KeyValuePair<string, string>> CallStatus(string callSid, string status, int sequence) =>
    [
        new("CallSid", callSid), new("AccountSid", "6bfbbe86-a901-4197-8759-2a0de1fa319d"), new("From", "+15557770001"),
        new("To", "+15005550100"), new("Direction", "inbound"), new("CallStatus", status),
        new("SequenceNumber", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
