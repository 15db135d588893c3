using System.Net.Http.Headers;
using System.Text;
using SignalWire.Emulator.Playout;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Hardening.Corpus;

/// <summary>One generated request of the corpus; <see cref="ToString"/> is what a failure report shows (long values cut).</summary>
public sealed record CorpusRequest(string Route, HttpMethod Method, string PathAndQuery, string? ContentType, byte[]? Body,
    IReadOnlyList<KeyValuePair<string, string>>? SignedForm)
{
    public bool IsWebhook => SignedForm is not null || Route.StartsWith("POST /api/mcp/", StringComparison.Ordinal)
        || Route.StartsWith("POST /api/signalwire/webhook/", StringComparison.Ordinal);

    public HttpRequestMessage ToMessage(Uri baseAddress, string? bearerToken)
    {
        var request = new HttpRequestMessage(Method, new Uri(baseAddress, PathAndQuery));
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }

        if (SignedForm is not null)
        {
            request.Headers.Add("X-SignalWire-Signature", WebhookSigner.Sign(SiloProcess.SigningKey, request.RequestUri!.AbsoluteUri, SignedForm));
        }

        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return request;
    }

    public override string ToString()
    {
        var body = Body is null ? "" : Encoding.UTF8.GetString(Body);
        return $"{Route} -> {Method} {Cut(PathAndQuery, 300)} [{ContentType}] {Cut(body, 1500)}";
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : $"{text[..length]}...({text.Length} chars)";
}
