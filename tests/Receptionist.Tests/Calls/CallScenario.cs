namespace Receptionist.Tests.Calls;

/// <summary>A realistic sequence of webhooks for one call (what SignalWire sends, in the order it happens).</summary>
public sealed record CallScenario(string CallSid, IReadOnlyList<(string Path, IReadOnlyList<KeyValuePair<string, string>> Form)> Webhooks)
{
    /// <summary>When minute offset 0 starts: a scenario at instant T takes the offset (T - Epoch) in minutes.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The <paramref name="variant"/>-th kind of call: answered with a recording, unanswered, busy, or outbound and answered by a machine.</summary>
    public static CallScenario Create(int variant, string callSid, string tenantNumber, int minuteOffset)
    {
        var start = Epoch.AddMinutes(minuteOffset);
        var outbound = variant % 4 == 3;
        var caller = $"+1415555{variant % 10000:0000}";
        var common = new Dictionary<string, string>
        {
            ["CallSid"] = callSid,
            ["AccountSid"] = "6bfbbe86-a901-4197-8759-2a0de1fa319d",
            ["ApiVersion"] = "2010-04-01",
            ["From"] = outbound ? tenantNumber : caller,
            ["To"] = outbound ? caller : tenantNumber,
            ["Direction"] = outbound ? "outbound-api" : "inbound",
            ["CallbackSource"] = "call-progress-events",
        };
        var webhooks = new List<(string, IReadOnlyList<KeyValuePair<string, string>>)>();
        var sequence = 0;
        void Status(string status, int second, params (string Key, string Value)[] extra)
        {
            var form = new Dictionary<string, string>(common)
            {
                ["CallStatus"] = status,
                ["Timestamp"] = CallWebhookClient.Rfc2822(start.AddSeconds(second)),
                ["SequenceNumber"] = (sequence++).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            foreach (var (key, value) in extra)
            {
                form[key] = value;
            }

            webhooks.Add((CallWebhookClient.CallStatusPath, form.ToList()));
        }

        void Recording(string status, int second, params (string Key, string Value)[] extra)
        {
            var form = new Dictionary<string, string>
            {
                ["AccountSid"] = common["AccountSid"],
                ["CallSid"] = callSid,
                ["RecordingSid"] = $"rec-{callSid}",
                ["RecordingStatus"] = status,
                ["Timestamp"] = CallWebhookClient.Rfc2822(start.AddSeconds(second)),
            };
            foreach (var (key, value) in extra)
            {
                form[key] = value;
            }

            webhooks.Add((CallWebhookClient.RecordingPath, form.ToList()));
        }

        if (outbound)
        {
            Status("initiated", 0);
        }

        Status("ringing", 1);
        switch (variant % 4)
        {
            case 0:
                Status("in-progress", 6);
                Recording("in-progress", 7);
                Recording("completed", 47, ("RecordingUrl", $"https://example.signalwire.com/recordings/rec-{callSid}"), ("RecordingDuration", "40"));
                Status("completed", 47, ("CallDuration", "41"), ("Price", "-0.0085"), ("PriceUnit", "USD"));
                break;
            case 1:
                Status("no-answer", 31, ("CallDuration", "0"));
                break;
            case 2:
                Status("busy", 3, ("CallDuration", "0"));
                break;
            default:
                Status("in-progress", 9, ("AnsweredBy", "machine"));
                Status("completed", 30, ("CallDuration", "21"), ("Price", "0.0050"), ("PriceUnit", "usd"));
                break;
        }

        return new CallScenario(callSid, webhooks);
    }
}
