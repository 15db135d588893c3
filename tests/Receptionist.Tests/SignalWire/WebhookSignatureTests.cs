using SignalWire.Emulator.Playout;
using Twilio.Security;

namespace Receptionist.Tests.SignalWire;

/// <summary>The emulator's signer against the test vectors in notes/signalwire.md §3.5, and against Twilio's validator.</summary>
public sealed class WebhookSignatureTests
{
    private static readonly KeyValuePair<string, string>[] Shared =
    [
        new("CallSid", "CA1234567890ABCDE"), new("Caller", "+14158675309"), new("Digits", "1234"), new("From", "+14158675309"), new("To", "+18005551212"),
    ];

    private static readonly KeyValuePair<string, string>[] S1 =
    [
        new("CallSid", "a97d4e8a-6047-4e2b-be48-fb96b33b5642"),
        new("AccountSid", "6bfbbe86-a901-4197-8759-2a0de1fa319d"),
        new("ApiVersion", "2010-04-01"),
        new("Direction", "outbound-api"),
        new("From", "sip:+17063958228@sip.swire.io"),
        new("To", "sip:jpsantos@joaosantos-2a0de1fa319d.sip.swire.io"),
        new("Timestamp", "Thu, 09 Nov 2023 14:40:55 +0000"),
        new("CallStatus", "no-answer"),
        new("CallbackSource", "call-progress-events"),
        new("HangupDirection", "outbound"),
        new("HangupBy", "sip:+17063958228@sip.swire.io"),
        new("SipResultCode", "487"),
    ];

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com:443/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=")]
    [InlineData("http://mycompany.com:80/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=")]
    [InlineData("https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=")]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=")]
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")]
    [InlineData("http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=")]
    public void Signer_matches_the_scheme_b_vectors(string url, string expected)
    {
        Assert.Equal(expected, WebhookSigner.Sign("12345", url, Shared));
    }

    [Fact]
    public void Signer_matches_real_signalwire_status_callbacks()
    {
        Assert.Equal("muUMpldcBHlzuXGZ5gbw1ETZCYA=", WebhookSigner.Sign("PSK_V3bF8oyeRNpJWGoRWHNYQMUU", "https://675d-189-71-169-171.ngrok-free.app/voice", S1));

        var busy = S1.Select(p => p.Key switch
        {
            "CallSid" => new KeyValuePair<string, string>("CallSid", "0703574f-b151-465d-aedb-28972eb513c7"),
            "CallStatus" => new("CallStatus", "busy"),
            "HangupBy" => new("HangupBy", "sip:jpsantos@joaosantos-2a0de1fa319d.sip.swire.io"),
            "HangupDirection" => new("HangupDirection", "inbound"),
            "SipResultCode" => new("SipResultCode", "486"),
            "Timestamp" => new("Timestamp", "Thu, 09 Nov 2023 17:05:04 +0000"),
            _ => p,
        });
        Assert.Equal("lf3nWPmUr2y6jSeeoMW4mg58vgI=", WebhookSigner.Sign("PSK_V3bF8oyeRNpJWGoRWHNYQMUU", "http://0aac-189-71-169-171.ngrok-free.app/voice", busy));
    }

    [Fact]
    public void Twilio_validator_accepts_what_the_signer_produces_and_rejects_a_tampered_form()
    {
        const string url = "http://127.0.0.1:5123/api/signalwire/webhook/call-status?tenant=acme";
        var signature = WebhookSigner.Sign("PSK_test", url, S1);
        var validator = new RequestValidator("PSK_test");

        Assert.True(validator.Validate(url, S1.ToDictionary(p => p.Key, p => p.Value), signature));
        var tampered = S1.ToDictionary(p => p.Key, p => p.Value);
        tampered["CallStatus"] = "completed";
        Assert.False(validator.Validate(url, tampered, signature));
        Assert.False(new RequestValidator("PSK_other").Validate(url, S1.ToDictionary(p => p.Key, p => p.Value), signature));
    }
}
