using System.Text;
using CsCheck;

namespace Receptionist.Tests.Hardening.Corpus;

/// <summary>
/// Bad webhooks, signed like SignalWire signs them so that they reach the parsers: a real webhook of the route with
/// fields set to bad values, dropped, repeated or added, or a body that is not a well-formed form at all.
/// </summary>
public static class WebhookCorpus
{
    public const string Number = "+15005550100";

    /// <summary>The calls and messages the corpus talks about, so their state can be read back after each request.</summary>
    public static readonly string[] CallSids = ["6bfbbe86-0000-4197-8759-2a0de1fa3190", "6bfbbe86-0000-4197-8759-2a0de1fa3191"];

    public static readonly string[] MessageSids = ["7c0cbe86-0000-4197-8759-2a0de1fa3190", "7c0cbe86-0000-4197-8759-2a0de1fa3191"];

    private static readonly string[] FieldNames =
    [
        "CallSid", "AccountSid", "From", "To", "Direction", "CallStatus", "Timestamp", "SequenceNumber", "CallDuration", "Price",
        "RecordingSid", "RecordingUrl", "RecordingStatus", "RecordingDuration", "Digits", "SpeechResult", "Confidence", "MessageSid",
        "SmsSid", "Body", "NumMedia", "MediaUrl0", "MediaContentType0", "MessageStatus", "ErrorCode", "NumSegments", "",
    ];

    private static readonly byte[][] BrokenBodies =
    [
        "CallSid=%ZZ&CallStatus=ringing"u8.ToArray(), "CallSid=%C3%28&To=%2B15005550100"u8.ToArray(), "=&=&&"u8.ToArray(), "CallSid"u8.ToArray(),
        [.. "Body="u8, 0xFF, 0xFE, .. "&MessageSid=x"u8], "{\"CallSid\":\"x\"}"u8.ToArray(), [],
        Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 6_000).Select(i => $"f{i}=1&"))),
    ];

    public static IReadOnlyList<string> Routes =>
        ["/api/mcp/ivr/entry", "/api/mcp/ivr/log", "/api/mcp/ivr/event", "/api/signalwire/webhook/call-status", "/api/signalwire/webhook/recording",
         "/api/signalwire/webhook/sms", "/api/signalwire/webhook/sms-status"];

    public static Gen<CorpusRequest> Requests => Gen.Select(Gen.OneOf([.. Routes]), Gen.OneOf(CallSids), Gen.OneOf(MessageSids))
        .SelectMany((path, callSid, messageSid) => Gen.Frequency(
            (8, Mutated(path, Base(path, callSid, messageSid))),
            (1, Gen.Select(Gen.OneOf(BrokenBodies), Gen.OneOf("application/x-www-form-urlencoded", "application/json", "text/plain"),
                (body, type) => new CorpusRequest("POST " + path, HttpMethod.Post, path, type, body, Base(path, callSid, messageSid))))));

    private static List<KeyValuePair<string, string>> Base(string path, string callSid, string messageSid) => path switch
    {
        "/api/signalwire/webhook/sms" => [new("MessageSid", messageSid), new("From", "+15557770001"), new("To", Number), new("Body", "hours?"), new("NumMedia", "0")],
        "/api/signalwire/webhook/sms-status" => [new("MessageSid", messageSid), new("MessageStatus", "delivered"), new("To", "+15557770001"), new("From", Number)],
        "/api/signalwire/webhook/recording" =>
            [new("CallSid", callSid), new("RecordingSid", "RE" + callSid[2..]), new("RecordingUrl", "https://files.example.com/r.wav"), new("RecordingStatus", "completed")],
        _ => [new("CallSid", callSid), new("From", "+15557770001"), new("To", Number), new("Direction", "inbound"), new("CallStatus", "in-progress"), new("Digits", "1")],
    };

    private static Gen<CorpusRequest> Mutated(string path, List<KeyValuePair<string, string>> form)
    {
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.OneOf(FieldNames), BadValues.WireText);
        var query = Gen.Frequency((4, Gen.Const("")), (1, BadValues.WireText.Select(v => "?step=" + Uri.EscapeDataString(v) + "&attempt=" + Uri.EscapeDataString(v))));
        return Gen.Select(mutation.Array[1, 4], query, (mutations, suffix) =>
        {
            var fields = new List<KeyValuePair<string, string>>(form);
            foreach (var (kind, name, value) in mutations)
            {
                switch (kind)
                {
                    case 0:
                        fields.RemoveAll(f => f.Key == name);
                        fields.Add(new(name, value));
                        break;
                    case 1:
                        fields.RemoveAll(f => f.Key == name);
                        break;
                    case 2:
                        fields.Add(new(name, value));
                        break;
                    default:
                        fields.Add(new("X" + name, value));
                        break;
                }
            }

            var body = Encoding.UTF8.GetBytes(string.Join("&", fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));
            return new CorpusRequest("POST " + path, HttpMethod.Post, path + suffix, "application/x-www-form-urlencoded", body, fields);
        });
    }
}
