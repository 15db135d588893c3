using SignalWire.Emulator.Playout;
using Twilio.Security;

namespace Receptionist.Tests.Calls;

/// <summary>
/// The validator the webhook filter uses (Twilio's RequestValidator) accepts real SignalWire-signed callbacks, and the
/// tests' own signer produces exactly those signatures (vectors from the project's SignalWire notes, §3.5).
/// </summary>
public sealed class SignatureVectorTests
{
    private static readonly Dictionary<string, string> Shared = new()
    {
        ["CallSid"] = "CA1234567890ABCDE",
        ["Caller"] = "+14158675309",
        ["Digits"] = "1234",
        ["From"] = "+14158675309",
        ["To"] = "+18005551212",
    };

    private static Dictionary<string, string> RealCallback(string callSid, string status, string hangupBy, string direction, string sip, string timestamp) => new()
    {
        ["CallSid"] = callSid,
        ["AccountSid"] = "6bfbbe86-a901-4197-8759-2a0de1fa319d",
        ["ApiVersion"] = "2010-04-01",
        ["Direction"] = "outbound-api",
        ["From"] = "sip:+17063958228@sip.swire.io",
        ["To"] = "sip:jpsantos@joaosantos-2a0de1fa319d.sip.swire.io",
        ["Timestamp"] = timestamp,
        ["CallStatus"] = status,
        ["CallbackSource"] = "call-progress-events",
        ["HangupDirection"] = direction,
        ["HangupBy"] = hangupBy,
        ["SipResultCode"] = sip,
    };

    public static TheoryData<string, string, Dictionary<string, string>, string> Vectors => new()
    {
        { "12345", "https://mycompany.com/myapp.php?foo=1&bar=2", Shared, "RSOYDt4T1cUTdK1PDd93/VVr8B8=" },
        {
            "PSK_V3bF8oyeRNpJWGoRWHNYQMUU", "https://675d-189-71-169-171.ngrok-free.app/voice",
            RealCallback("a97d4e8a-6047-4e2b-be48-fb96b33b5642", "no-answer", "sip:+17063958228@sip.swire.io", "outbound", "487", "Thu, 09 Nov 2023 14:40:55 +0000"),
            "muUMpldcBHlzuXGZ5gbw1ETZCYA="
        },
        {
            "PSK_V3bF8oyeRNpJWGoRWHNYQMUU", "http://0aac-189-71-169-171.ngrok-free.app/voice",
            RealCallback("0703574f-b151-465d-aedb-28972eb513c7", "busy", "sip:jpsantos@joaosantos-2a0de1fa319d.sip.swire.io", "inbound", "486", "Thu, 09 Nov 2023 17:05:04 +0000"),
            "lf3nWPmUr2y6jSeeoMW4mg58vgI="
        },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Real_SignalWire_signatures_validate_and_the_emulator_signer_reproduces_them(string key, string url, Dictionary<string, string> form, string expected)
    {
        Assert.True(new RequestValidator(key).Validate(url, form, expected));
        Assert.Equal(expected, WebhookSigner.Sign(key, url, form));
    }

    [Fact]
    public void A_changed_parameter_or_key_does_not_validate()
    {
        var tampered = new Dictionary<string, string>(Shared) { ["Digits"] = "1235" };
        Assert.False(new RequestValidator("12345").Validate("https://mycompany.com/myapp.php?foo=1&bar=2", tampered, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        Assert.False(new RequestValidator("12346").Validate("https://mycompany.com/myapp.php?foo=1&bar=2", Shared, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }
}
