using Receptionist.Api.Webhooks;
using SignalWire.Emulator.Playout;

namespace Receptionist.Tests.Calls;

/// <summary>
/// The webhook filter's check of JSON bodies (SWML fetches) against SignalWire's own vectors (project notes §3.5, A1
/// and A2, the latter a real SWML fetch), and the emulator's signer reproducing them.
/// </summary>
public sealed class JsonSignatureVectorTests
{
    private const string RealFetch =
        """{"call":{"call_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","node_id":"fa3570ae-f8bd-42c2-83f4-9950d906c91b@us-west","segment_id":"b5d63b2e-f75b-4dc8-b6d4-269b635f96c0","call_state":"created","direction":"inbound","type":"phone","from":"+12135877632","to":"+12089806814","from_number":"+12135877632","to_number":"+12089806814","project_id":"4b7ae78a-d02e-4889-a63b-08b156d5916e","space_id":"62615f44-2a34-4235-b38b-76b5a1de6ef8"},"vars":{}}""";

    public static TheoryData<string, string, string, string> Vectors => new()
    {
        { "PSKtest1234567890abcdef", "https://example.ngrok.io/webhook", """{"event":"call.state","params":{"call_id":"abc-123","state":"answered"}}""", "c3c08c1fefaf9ee198a100d5906765a6f394bf0f" },
        { "PSK_7TruNcSNTxp4zNrykMj4EPzF", "https://81f2-2-45-18-191.ngrok-free.app/", RealFetch, "b18500437ebb010220ddd770cbe6fd531ea0ba0d" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void SignalWire_signed_JSON_validates_and_the_emulator_signer_reproduces_it(string key, string url, string body, string expected)
    {
        Assert.True(JsonSignature.IsValid(key, url, body, expected, null));
        Assert.True(JsonSignature.IsValid(key, url, body, expected.ToUpperInvariant(), null));
        Assert.Equal(expected, WebhookSigner.SignJson(key, url, body));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void A_changed_body_url_or_key_does_not_validate(string key, string url, string body, string expected)
    {
        Assert.False(JsonSignature.IsValid(key, url, body.Replace("call", "cell", StringComparison.Ordinal), expected, null));
        Assert.False(JsonSignature.IsValid(key, url + "x", body, expected, null));
        Assert.False(JsonSignature.IsValid(key + "x", url, body, expected, null));
        Assert.False(JsonSignature.IsValid(key, url, body, null, null));
        Assert.False(JsonSignature.IsValid(key, url, body + " ", expected, null));
    }

    [Fact]
    public void The_standard_port_may_be_present_or_not_in_what_was_signed()
    {
        const string Key = "PSKtest1234567890abcdef";
        const string Body = """{"event":"call.state","params":{"call_id":"abc-123","state":"answered"}}""";
        Assert.True(JsonSignature.IsValid(Key, "https://example.ngrok.io:443/webhook", Body, "c3c08c1fefaf9ee198a100d5906765a6f394bf0f", null));
        var withPort = WebhookSigner.SignJson(Key, "https://example.ngrok.io:443/webhook", Body);
        Assert.True(JsonSignature.IsValid(Key, "https://example.ngrok.io/webhook", Body, withPort, null));
        Assert.False(JsonSignature.IsValid(Key, "https://example.ngrok.io:8443/webhook", Body, "c3c08c1fefaf9ee198a100d5906765a6f394bf0f", null));
    }
}
