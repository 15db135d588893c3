using System.Text.Json.Nodes;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Calls;

/// <summary>Each status of a call shows once, in its history and in the live stream, however often SignalWire reports it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CallStatusOnceTests(PostgresFixture postgres)
{
    private const string Tenant = "once";
    private const string TenantNumber = "+15005550178";
    private const string Customer = "+14155550177";

    [Fact]
    public async Task A_status_reported_by_the_voice_request_and_the_callback_and_a_price_after_the_end_show_each_status_once()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "statusonce", silos: 1);
        var silo = cluster[0];
        await CallLifecycleTests.AssignAsync(silo, Tenant, TenantNumber);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var stream = await SseReader.OpenAsync(silo, TestTokens.For(Tenant, Permissions.CallsRead), timeout.Token);

        var callSid = Guid.NewGuid().ToString();
        var answered = DateTimeOffset.UtcNow.AddSeconds(-30);
        List<KeyValuePair<string, string>> Form(string status, params (string Key, string Value)[] more) =>
        [
            new("CallSid", callSid), new("AccountSid", "6bfbbe86-a901-4197-8759-2a0de1fa319d"), new("From", TenantNumber), new("To", Customer),
            new("Direction", "outbound-api"), new("CallStatus", status), .. more.Select(m => new KeyValuePair<string, string>(m.Key, m.Value)),
        ];

        // An answered outbound call fetches its voice URL (timed by our clock), and the callback reports the same answer
        // (timed by SignalWire's RFC 2822 header, to the second); the end comes with its duration, the price later.
        await silo.PostAcceptedAsync(CallWebhookClient.EntryPath, Form("in-progress"));
        await silo.PostAcceptedAsync(CallWebhookClient.CallStatusPath, Form("in-progress", ("Timestamp", CallWebhookClient.Rfc2822(answered)), ("SequenceNumber", "1")));
        await silo.PostAcceptedAsync(CallWebhookClient.CallStatusPath,
            Form("completed", ("Timestamp", CallWebhookClient.Rfc2822(answered.AddSeconds(42))), ("SequenceNumber", "2"), ("CallDuration", "42")));
        await silo.PostAcceptedAsync(CallWebhookClient.CallStatusPath,
            Form("completed", ("Timestamp", CallWebhookClient.Rfc2822(answered.AddSeconds(45))), ("SequenceNumber", "3"), ("CallDuration", "42"),
                ("Price", "-0.0085"), ("PriceUnit", "USD")));

        var call = (await silo.GetCallAsync(Tenant, callSid)).Call!;
        var history = call["events"]!.AsArray();
        Assert.Equal(["in-progress", "completed"], history.Select(e => (string)e!["status"]!).ToArray());
        Assert.Equal(42, (int?)history[1]!["durationSeconds"]);
        Assert.Equal(0.0085m, (decimal?)call["price"]);
        Assert.Equal(("completed", 42), ((string?)call["status"], (int?)call["durationSeconds"]));

        // Another call afterwards marks the end of what the stream had to say about this one.
        var marker = Guid.NewGuid().ToString();
        await silo.PostAcceptedAsync(CallWebhookClient.CallStatusPath, [
            new("CallSid", marker), new("From", Customer), new("To", TenantNumber), new("Direction", "inbound"), new("CallStatus", "ringing")]);
        var events = await stream.ReadUntilAsync(e => e.Contains(marker, StringComparison.Ordinal), timeout.Token);
        var shown = events.Where(e => e.Contains(callSid, StringComparison.Ordinal))
            .Select(e => (string)JsonNode.Parse(e.Split('\n').Single(l => l.StartsWith("data:", StringComparison.Ordinal))[5..])!["status"]!).ToArray();
        Assert.Equal(["in-progress", "completed"], shown);
    }
}
