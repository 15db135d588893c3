using System.Net;
using System.Text.Json.Nodes;
using Npgsql;
using Receptionist.Grains;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Messaging;

[Collection(PostgresCollection.Name)]
public sealed class SmsWebhookTests(PostgresFixture postgres)
{
    private const string Acme = "acme";
    private const string Globex = "globex";
    private const string AcmeNumber = "+15005550100";
    private const string GlobexNumber = "+15005550200";
    private const string Customer = "+14155550123";

    [Fact]
    public async Task Inbound_texts_are_logged_for_the_tenant_that_owns_the_number_once_however_often_they_arrive()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smsin", silos: 2, TestSiloCluster.FoldingOnlyOnRead);
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        await CallLifecycleTests.AssignAsync(cluster[0], Globex, GlobexNumber);

        var mms = Guid.NewGuid().ToString();
        Assert.Null(await cluster[0].TextAsync(mms, Customer, AcmeNumber, "Here is the photo", "https://media.example.com/a.png", "https://media.example.com/b.png"));
        Assert.Null(await cluster[1].TextAsync(mms, Customer, AcmeNumber, "Here is the photo", "https://media.example.com/a.png", "https://media.example.com/b.png"));
        var toGlobex = Guid.NewGuid().ToString();
        await cluster[1].TextAsync(toGlobex, Customer, GlobexNumber, "Hello globex");
        var nobodys = Guid.NewGuid().ToString();
        Assert.Null(await cluster[0].TextAsync(nobodys, Customer, "+15005550999", "Anyone there?"));

        var acme = await cluster[1].MessagesAsync(Acme);
        var logged = Assert.Single(acme);
        Assert.Equal(mms, (string?)logged["messageSid"]);
        Assert.Equal(("inbound", "received", Customer, AcmeNumber, "Here is the photo"),
            ((string?)logged["direction"], (string?)logged["status"], (string?)logged["from"], (string?)logged["to"], (string?)logged["body"]));
        Assert.Equal(["https://media.example.com/a.png", "https://media.example.com/b.png"], logged["mediaUrls"]!.AsArray().Select(u => (string)u!));
        Assert.NotNull(logged["deliveredAt"]);

        var globex = Assert.Single(await cluster[0].MessagesAsync(Globex));
        Assert.Equal(toGlobex, (string?)globex["messageSid"]);
        Assert.Empty(await cluster[0].MessagesAsync("initech"));

        // One durable write per text: its state, log row and analytics contribution were committed together.
        await using var data = NpgsqlDataSource.Create(cluster.ConnectionString);
        await using var written = data.CreateCommand("""
            SELECT (SELECT xmin::text FROM OrleansStorage WHERE graintypestring = 'message' AND grainidextensionstring = $1),
                   (SELECT xmin::text FROM receptionist_message_log WHERE message_sid = $2),
                   (SELECT xmin::text FROM analytics_appended WHERE kind = 'message' AND sid = $2)
            """);
        written.Parameters.Add(new NpgsqlParameter<string> { TypedValue = GrainKeys.Message(mms) });
        written.Parameters.Add(new NpgsqlParameter<string> { TypedValue = mms });
        await using var reader = await written.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.False(reader.IsDBNull(0));
        Assert.Equal(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        Assert.Equal(reader.GetString(0), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    [Fact]
    public async Task Delivery_statuses_only_move_forward_keep_the_first_final_one_and_its_error_code_whatever_order_they_arrive_in()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smsstatus", silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        var ordered = Guid.NewGuid().ToString();
        var shuffled = Guid.NewGuid().ToString();
        string[] sequence = ["queued", "sending", "sent", "undelivered"];
        foreach (var (status, i) in sequence.Select((s, i) => (s, i)))
        {
            await cluster[i % 2].PostAcceptedAsync(SmsTestClient.StatusPath,
                SmsTestClient.StatusForm(ordered, AcmeNumber, Customer, status, status == "undelivered" ? "30003" : null));
        }

        // The same statuses backwards, each twice, then a contradicting final status that must change nothing.
        foreach (var (status, i) in sequence.Reverse().SelectMany(s => new[] { s, s }).Select((s, i) => (s, i)))
        {
            await cluster[i % 2].PostAcceptedAsync(SmsTestClient.StatusPath,
                SmsTestClient.StatusForm(shuffled, AcmeNumber, Customer, status, status == "undelivered" ? "30003" : null));
        }

        await cluster[0].PostAcceptedAsync(SmsTestClient.StatusPath, SmsTestClient.StatusForm(shuffled, AcmeNumber, Customer, "delivered"));
        await cluster[1].PostAcceptedAsync(SmsTestClient.StatusPath, SmsTestClient.StatusForm(shuffled, AcmeNumber, Customer, "failed", "30008"));

        var messages = await cluster[1].MessagesAsync(Acme);
        Assert.Equal(2, messages.Count);
        foreach (var message in messages)
        {
            Assert.Equal(("outbound", "undelivered", "30003", "Unreachable destination handset."),
                ((string?)message["direction"], (string?)message["status"], (string?)message["errorCode"], (string?)message["errorMessage"]));
            Assert.NotNull(message["sentAt"]);
            Assert.Null(message["deliveredAt"]);
        }

        // A status callback for a number no tenant owns is acknowledged and recorded nowhere.
        await cluster[0].PostAcceptedAsync(SmsTestClient.StatusPath, SmsTestClient.StatusForm(Guid.NewGuid().ToString(), "+15005550999", Customer, "sent"));
        Assert.Equal(2, (await cluster[0].MessagesAsync(Acme)).Count);
    }

    [Fact]
    public async Task The_log_filters_by_direction_number_status_and_time_and_pages_newest_first_within_one_tenant()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smslist", silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        await CallLifecycleTests.AssignAsync(cluster[0], Globex, GlobexNumber);
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        for (var i = 0; i < 12; i++)
        {
            var customer = $"+1415555{i % 3:0000}";
            await cluster[i % 2].TextAsync(Guid.NewGuid().ToString(), customer, AcmeNumber, $"inbound {i}");
            await cluster[i % 2].PostAcceptedAsync(SmsTestClient.StatusPath,
                SmsTestClient.StatusForm(Guid.NewGuid().ToString(), AcmeNumber, customer, i % 4 == 0 ? "failed" : "delivered"));
            await cluster[i % 2].TextAsync(Guid.NewGuid().ToString(), customer, GlobexNumber, $"to globex {i}");
        }

        var listed = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await cluster[1].ListSmsAsync(Acme, "limit=5" + (cursor is null ? "" : $"&cursor={cursor}"));
            var items = page["messages"]!.AsArray().Select(m => m!.AsObject()).ToList();
            Assert.True(items.Count <= 5);
            listed.AddRange(items);
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        Assert.Equal(24, listed.Select(m => (string)m["messageSid"]!).Distinct().Count());
        Assert.All(listed, m => Assert.Contains(AcmeNumber, new[] { (string?)m["from"], (string?)m["to"] }));
        var created = listed.Select(m => (DateTimeOffset)m["createdAt"]!).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);

        Assert.Equal(12, (await cluster[0].MessagesAsync(Acme, "direction=inbound&limit=200")).Count);
        Assert.Equal(3, (await cluster[0].MessagesAsync(Acme, "direction=outbound&status=failed")).Count);
        Assert.Equal(9, (await cluster[0].MessagesAsync(Acme, "status=delivered,undelivered")).Count);
        Assert.Equal(8, (await cluster[0].MessagesAsync(Acme, "number=%2B14155550001")).Count);
        Assert.Equal(24, (await cluster[0].MessagesAsync(Acme, $"since={Uri.EscapeDataString(start.ToString("O"))}&limit=200")).Count);
        Assert.Empty(await cluster[0].MessagesAsync(Acme, $"until={Uri.EscapeDataString(start.ToString("O"))}"));
        Assert.Equal(12, (await cluster[1].MessagesAsync(Globex, "limit=200")).Count);

        foreach (var bad in new[] { "direction=sideways", "status=lost", "number=12345", "limit=0", "cursor=nonsense" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/signalwire/sms?{bad}")
                .Authorized(TestTokens.For(Acme, Receptionist.Api.Auth.Permissions.SmsRead));
            using var response = await cluster[0].Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
    }

    [Fact]
    public async Task Unsigned_forged_or_malformed_sms_webhooks_are_refused_and_change_nothing()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smsbad", silos: 1);
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        var form = SmsTestClient.InboundForm(Guid.NewGuid().ToString(), Customer, AcmeNumber, "hello");

        using (var forged = await cluster[0].PostSignedAsync(SmsTestClient.InboundPath, form, signingKey: "PSK_not_ours"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }

        using (var unsigned = await cluster[0].Client.PostAsync(SmsTestClient.StatusPath, new FormUrlEncodedContent(
            SmsTestClient.StatusForm(Guid.NewGuid().ToString(), AcmeNumber, Customer, "sent"))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }

        var malformed = new[]
        {
            (SmsTestClient.InboundPath, form.Where(p => p.Key is not ("MessageSid" or "SmsSid")).ToList()),
            (SmsTestClient.InboundPath, form.Select(p => p.Key == "To" ? new KeyValuePair<string, string>("To", "not-a-number") : p).ToList()),
            (SmsTestClient.InboundPath, form.Select(p => p.Key == "NumMedia" ? new KeyValuePair<string, string>("NumMedia", "1") : p).ToList()),
            (SmsTestClient.StatusPath, SmsTestClient.StatusForm(Guid.NewGuid().ToString(), AcmeNumber, Customer, "teleported")),
            (SmsTestClient.StatusPath, SmsTestClient.StatusForm("../tenant/acme", AcmeNumber, Customer, "sent")),
        };
        foreach (var (path, bad) in malformed)
        {
            using var response = await cluster[0].PostSignedAsync(path, bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(await cluster[0].MessagesAsync(Acme));
    }
}
