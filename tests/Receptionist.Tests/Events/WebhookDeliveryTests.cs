using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Receptionist.Grains;
using Receptionist.Grains.Events;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Messaging;

namespace Receptionist.Tests.Events;

[Collection(PostgresCollection.Name)]
public sealed class WebhookDeliveryTests(PostgresFixture postgres)
{
    private const string Acme = "acme";
    private const string Globex = "globex";
    private const string AcmeNumber = "+15005550100";
    private const string GlobexNumber = "+15005550200";
    private const string Customer = "+14155550123";

    [Fact]
    public async Task An_inbound_text_reaches_the_endpoint_signed_and_keeps_its_id_through_errors_timeouts_and_a_huge_answer()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "webhooks", silos: 2, WebhookTestClient.Configuration());
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        var (endpointId, secret) = await cluster[0].CreateEndpointAsync(Acme, receiver.BaseUrl + "/acme", WebhookEventTypes.SmsReceived);
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", secret);

        receiver.Mode = ReceiverMode.Fail;
        var sid = Guid.NewGuid().ToString();
        Assert.Null(await cluster[1].TextAsync(sid, Customer, AcmeNumber, "Do you have a slot on Friday?"));
        await receiver.WaitForAsync(r => r.Count >= 2, "two failed attempts");
        receiver.Mode = ReceiverMode.Hang;
        await receiver.WaitForAsync(r => r.Any(w => w.Answer == ReceiverMode.Hang), "an attempt that times out");
        receiver.Mode = ReceiverMode.HugeBody;

        var delivery = Assert.Single(await cluster[1].WaitForDeliveriesAsync(Acme, endpointId,
            d => d.Count == 1 && (string?)d[0]["status"] == "succeeded", "the delivery to succeed"));
        var received = receiver.Received;
        Assert.Equal(ReceiverMode.HugeBody, received[^1].Answer);
        Assert.Single(received.Select(r => r.Id).Distinct());
        Assert.Equal((string?)delivery["eventId"], received[0].Id);
        Assert.All(received, r => Assert.True(r.SignedWith(secret), $"signature {r.Signature} of {r.Id} does not verify"));
        Assert.All(received, r => Assert.InRange(long.Parse(r.Timestamp!, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.AddMinutes(-2).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        var payload = JsonNode.Parse(received[^1].Body)!;
        Assert.Equal("sms.received", (string?)payload["type"]);
        Assert.Equal((sid, Customer, AcmeNumber, "Do you have a slot on Friday?"),
            ((string?)payload["data"]!["messageSid"], (string?)payload["data"]!["from"], (string?)payload["data"]!["to"], (string?)payload["data"]!["body"]));
        Assert.EndsWith("Z", (string?)payload["timestamp"], StringComparison.Ordinal);

        // The log shows every attempt: the 500s, the timeout, and the 200 whose body was never read.
        var attempts = delivery["attempts"]!.AsArray().Select(a => a!.AsObject()).ToList();
        Assert.Equal(received.Count, (int)delivery["attemptCount"]!);
        Assert.Equal(received.Count, attempts.Count);
        Assert.Equal(500, (int?)attempts[0]["statusCode"]);
        Assert.Contains(attempts, a => a["statusCode"] is null && ((string?)a["error"])!.StartsWith("No answer within", StringComparison.Ordinal));
        Assert.Equal(200, (int?)attempts[^1]["statusCode"]);
        await receiver.WaitForAsync(_ => receiver.HugeBodiesAbandoned == 1, "the huge answer to be abandoned unread");
    }

    [Fact]
    public async Task Stop_goes_to_the_opted_out_subscribers_only_and_many_texts_arrive_once_each_in_batches()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "webhookbatch", silos: 2, WebhookTestClient.Configuration());
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        var (optOutsId, _) = await cluster[0].CreateEndpointAsync(Acme, receiver.BaseUrl + "/opt-outs", WebhookEventTypes.SmsOptedOut);
        await cluster[1].CreateEndpointAsync(Acme, receiver.BaseUrl + "/texts", WebhookEventTypes.SmsReceived);

        // 25 texts (the batch is 10), a STOP, and SignalWire's repeats of three of them.
        var sids = Enumerable.Range(0, 25).Select(_ => Guid.NewGuid().ToString()).ToList();
        for (var i = 0; i < sids.Count; i++)
        {
            await cluster[i % 2].TextAsync(sids[i], $"+1415555{i:D4}", AcmeNumber, $"text {i}");
        }

        var stopSid = Guid.NewGuid().ToString();
        await cluster[0].TextAsync(stopSid, Customer, AcmeNumber, "STOP");
        for (var i = 0; i < 3; i++)
        {
            await cluster[1].TextAsync(sids[i], $"+1415555{i:D4}", AcmeNumber, $"text {i}");
        }

        var all = await receiver.WaitForAsync(r => r.Count(w => w.Path == "/texts") >= 26 && r.Any(w => w.Path == "/opt-outs"), "every event");
        var texts = all.Where(w => w.Path == "/texts").ToList();
        Assert.Equal(26, texts.Select(w => w.Id).Distinct().Count());
        Assert.All(texts.GroupBy(w => w.Id), g => Assert.Single(g));
        Assert.Equal([.. sids.Append(stopSid).Order()], texts.Select(w => (string)JsonNode.Parse(w.Body)!["data"]!["messageSid"]!).Order());

        var optOut = JsonNode.Parse(Assert.Single(all, w => w.Path == "/opt-outs").Body)!;
        Assert.Equal("sms.opted_out", (string?)optOut["type"]);
        Assert.Equal((Customer, "STOP", stopSid),
            ((string?)optOut["data"]!["phoneNumber"], (string?)optOut["data"]!["keyword"], (string?)optOut["data"]!["messageSid"]));
        Assert.Equal("succeeded", (string?)Assert.Single(await cluster[0].DeliveriesAsync(Acme, optOutsId))["status"]);
    }

    [Fact]
    public async Task Rotating_the_secret_signs_every_later_delivery_with_the_new_one_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "webhookrotate", silos: 1, WebhookTestClient.Configuration());
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        var (endpointId, first) = await cluster[0].CreateEndpointAsync(Acme, receiver.BaseUrl + "/acme", WebhookEventTypes.SmsReceived);
        await cluster[0].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "before");
        var before = (await receiver.WaitForAsync(r => r.Count == 1, "the first delivery"))[0];

        var rotated = await cluster[0].OkAsync(Acme, HttpMethod.Post, $"{WebhookTestClient.Path}/{endpointId}/rotate-secret");
        var second = (string)rotated["secret"]!;
        Assert.NotEqual(first, second);
        await cluster[0].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "after");
        var after = (await receiver.WaitForAsync(r => r.Count == 2, "the second delivery"))[1];

        Assert.True(before.SignedWith(first));
        Assert.False(before.SignedWith(second));
        Assert.True(after.SignedWith(second));
        Assert.False(after.SignedWith(first));

        // The secret is shown on create and rotate only.
        var read = await cluster[0].OkAsync(Acme, HttpMethod.Get, $"{WebhookTestClient.Path}/{endpointId}");
        var listed = await cluster[0].OkAsync(Acme, HttpMethod.Get, WebhookTestClient.Path);
        Assert.DoesNotContain("whsec_", read.ToJsonString() + listed.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_failing_for_the_whole_retry_window_is_parked_and_a_replay_delivers_it_with_the_same_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "webhookpark", silos: 1, WebhookTestClient.Configuration(retryWindow: TimeSpan.FromSeconds(3)));
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        var (endpointId, _) = await cluster[0].CreateEndpointAsync(Acme, receiver.BaseUrl + "/acme", WebhookEventTypes.SmsReceived);
        receiver.Mode = ReceiverMode.Fail;
        await cluster[0].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "hello");

        var parked = Assert.Single(await cluster[0].WaitForDeliveriesAsync(Acme, endpointId, d => d.Count == 1 && (string?)d[0]["status"] == "parked", "parking"));
        Assert.Null(parked["nextAttemptAt"]);
        Assert.True((int)parked["attemptCount"]! >= 2);
        var failures = receiver.Received.Count;
        Assert.Equal(failures, (int)parked["attemptCount"]!);
        Assert.Single(await cluster[0].DeliveriesAsync(Acme, endpointId, "status=parked"));
        Assert.Empty(await cluster[0].DeliveriesAsync(Acme, endpointId, "status=succeeded"));

        receiver.Mode = ReceiverMode.Ok;
        var deliveryId = (string)parked["deliveryId"]!;
        var replayed = await cluster[0].OkAsync(Acme, HttpMethod.Post, $"{WebhookTestClient.Path}/{endpointId}/deliveries/{deliveryId}/replay",
            expected: HttpStatusCode.Accepted);
        Assert.Equal("pending", (string?)replayed["status"]);
        var received = await receiver.WaitForAsync(r => r.Any(w => w.Answer == ReceiverMode.Ok), "the replayed delivery");
        Assert.Single(received.Select(w => w.Id).Distinct());
        var done = Assert.Single(await cluster[0].WaitForDeliveriesAsync(Acme, endpointId, d => (string?)d[0]["status"] == "succeeded", "success"));
        Assert.Equal(failures + 1, (int)done["attemptCount"]!);

        using var unknown = await cluster[0].SendAsync(Acme, HttpMethod.Post, $"{WebhookTestClient.Path}/{endpointId}/deliveries/dlv_nope/replay");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task One_tenant_never_sees_changes_or_receives_another_tenants_endpoints_and_deliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "webhooktenants", silos: 2, WebhookTestClient.Configuration());
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        await CallLifecycleTests.AssignAsync(cluster[0], Globex, GlobexNumber);
        var (acmeId, acmeSecret) = await cluster[0].CreateEndpointAsync(Acme, receiver.BaseUrl + "/acme", WebhookEventTypes.SmsReceived);
        await cluster[1].CreateEndpointAsync(Globex, receiver.BaseUrl + "/globex", WebhookEventTypes.SmsReceived);
        await cluster[0].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "for acme");
        await receiver.WaitForAsync(r => r.Count == 1, "acme's delivery");
        var acmeDelivery = (string)(await cluster[0].DeliveriesAsync(Acme, acmeId))[0]["deliveryId"]!;

        var globexSees = (await cluster[1].OkAsync(Globex, HttpMethod.Get, WebhookTestClient.Path))["endpoints"]!.AsArray();
        Assert.DoesNotContain(acmeId, globexSees.Select(e => (string?)e!["id"]));
        var attempts = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"{WebhookTestClient.Path}/{acmeId}", null),
            (HttpMethod.Put, $"{WebhookTestClient.Path}/{acmeId}", new { url = receiver.BaseUrl + "/stolen", eventTypes = new[] { "sms.received" } }),
            (HttpMethod.Post, $"{WebhookTestClient.Path}/{acmeId}/rotate-secret", null),
            (HttpMethod.Get, $"{WebhookTestClient.Path}/{acmeId}/deliveries", null),
            (HttpMethod.Post, $"{WebhookTestClient.Path}/{acmeId}/deliveries/{acmeDelivery}/replay", null),
            (HttpMethod.Delete, $"{WebhookTestClient.Path}/{acmeId}", null),
        };
        foreach (var (method, path, body) in attempts)
        {
            using var response = await cluster[1].SendAsync(Globex, method, path, body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} as globex answered {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        // Acme's endpoint is untouched: same URL, same secret, and only acme's events reach it.
        await cluster[1].TextAsync(Guid.NewGuid().ToString(), Customer, GlobexNumber, "for globex");
        await cluster[0].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "for acme again");
        var received = await receiver.WaitForAsync(r => r.Count == 3, "both tenants' deliveries");
        Assert.Equal(2, received.Count(w => w.Path == "/acme"));
        Assert.All(received.Where(w => w.Path == "/acme"), w => Assert.True(w.SignedWith(acmeSecret)));
        Assert.Equal("for globex", (string?)JsonNode.Parse(Assert.Single(received, w => w.Path == "/globex").Body)!["data"]!["body"]);
        Assert.Single(await cluster[0].DeliveriesAsync(Acme, acmeId, "limit=1"));
    }

    [Fact]
    public async Task A_silo_killed_after_the_event_committed_does_not_lose_it_a_survivor_delivers_it_with_the_same_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "webhookkill", silos: 2, WebhookTestClient.Configuration());
        await CallLifecycleTests.AssignAsync(cluster[0], Acme, AcmeNumber);
        var (endpointId, secret) = await cluster[0].CreateEndpointAsync(Acme, receiver.BaseUrl + "/acme", WebhookEventTypes.SmsReceived);
        receiver.Mode = ReceiverMode.Fail;
        await cluster[0].TextAsync(Guid.NewGuid().ToString(), Customer, AcmeNumber, "are you there?");
        var failed = await receiver.WaitForAsync(r => r.Count >= 1, "a first, failed attempt");

        // Kill the silo that hosts the tenant's dispatcher; the other one must finish the job.
        var dispatcher = cluster[0].Grains.GetGrain<IWebhookDispatcherGrain>(GrainKeys.Tenant(Acme));
        var host = await cluster[0].Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(dispatcher);
        var victim = cluster.Silos.Single(s => s.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.Equals(host));
        var survivor = cluster.Silos.Single(s => s != victim);
        await victim.KillAsync();
        receiver.Mode = ReceiverMode.Ok;

        var delivered = await receiver.WaitForAsync(r => r.Any(w => w.Answer == ReceiverMode.Ok), "delivery by the survivor", TimeSpan.FromSeconds(90));
        var ok = delivered.First(w => w.Answer == ReceiverMode.Ok);
        Assert.Equal(failed[0].Id, ok.Id);
        Assert.True(ok.SignedWith(secret));
        Assert.Equal("succeeded", (string?)(await survivor.WaitForDeliveriesAsync(Acme, endpointId, d => (string?)d[0]["status"] == "succeeded", "success"))[0]["status"]);
    }
}
