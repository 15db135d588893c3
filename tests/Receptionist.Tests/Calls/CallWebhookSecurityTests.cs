using SignalWire.Emulator.Playout;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Calls;

[Collection(PostgresCollection.Name)]
public sealed class CallWebhookSecurityTests(PostgresFixture postgres)
{
    private const string TenantA = "clinic-a";
    private const string TenantB = "clinic-b";
    private const string NumberA = "+15005550111";
    private const string NumberB = "+15005550122";

    [Fact]
    public async Task Bad_signatures_and_malformed_bodies_change_nothing_and_unknown_numbers_get_a_polite_rejection()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callsecurity", silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], TenantA, NumberA);
        var call = CallScenario.Create(0, Guid.NewGuid().ToString(), NumberA, 0);
        var (path, ringing) = call.Webhooks[0];

        using (var forged = await cluster[0].PostSignedAsync(path, ringing, signingKey: "PSK_wrong"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        }

        using (var unsigned = await cluster[0].Client.PostAsync(path, new FormUrlEncodedContent(ringing)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await cluster[1].GetCallAsync(TenantA, call.CallSid)).Status);

        using (var aliased = await cluster[1].PostSignedAsync(path, ringing, header: "X-Twilio-Signature"))
        {
            Assert.Equal(HttpStatusCode.NoContent, aliased.StatusCode);
        }

        var before = (await cluster[0].GetCallAsync(TenantA, call.CallSid)).Call!.ToJsonString();
        var (_, answered) = call.Webhooks[1];
        var tampered = answered.Select(p => p.Key == "CallStatus" ? new KeyValuePair<string, string>(p.Key, "completed") : p).ToList();
        using (var replayed = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(tampered) })
        {
            replayed.Headers.Add("X-SignalWire-Signature", WebhookSigner.Sign(SiloProcess.SigningKey, new Uri(cluster[0].Client.BaseAddress!, path).ToString(), answered));
            Assert.Equal(HttpStatusCode.Forbidden, (await cluster[0].Client.SendAsync(replayed)).StatusCode);
        }

        foreach (var malformed in new[]
        {
            answered.Where(p => p.Key != "CallSid").ToList(),
            answered.Select(p => p.Key == "CallStatus" ? new KeyValuePair<string, string>(p.Key, "exploded") : p).ToList(),
            answered.Select(p => p.Key == "Timestamp" ? new KeyValuePair<string, string>(p.Key, "yesterday") : p).ToList(),
            answered.Select(p => p.Key == "CallSid" ? new KeyValuePair<string, string>(p.Key, "../tenant/x") : p).ToList(),
        })
        {
            using var response = await cluster[0].PostSignedAsync(path, malformed);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        using (var json = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{\"CallSid\":\"x\"}", Encoding.UTF8, "application/json") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await cluster[0].Client.SendAsync(json)).StatusCode);
        }

        var huge = answered.Append(new("Padding", new string('x', 70_000))).ToList();
        using (var oversize = await cluster[0].PostSignedAsync(path, huge))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
        }

        Assert.Equal(before, (await cluster[1].GetCallAsync(TenantA, call.CallSid)).Call!.ToJsonString());

        // The voice URL: the tenant's (default) flow for its own number, a polite goodbye for a number nobody owns.
        var entry = ringing.Where(p => p.Key is not ("Timestamp" or "SequenceNumber" or "CallbackSource")).ToList();
        using (var greeting = await cluster[1].PostSignedAsync(CallWebhookClient.EntryPath, entry))
        {
            Assert.Equal(HttpStatusCode.OK, greeting.StatusCode);
            var xml = await greeting.Content.ReadAsStringAsync();
            Assert.Contains("Thank you for calling", xml, StringComparison.Ordinal);
            Assert.Contains("<Record", xml, StringComparison.Ordinal);
            Assert.Contains("/api/mcp/ivr/event?stage=recorded", xml, StringComparison.Ordinal);
        }

        var stranger = Guid.NewGuid().ToString();
        var unknown = entry.Select(p => p.Key switch
        {
            "CallSid" => new KeyValuePair<string, string>(p.Key, stranger),
            "To" => new KeyValuePair<string, string>(p.Key, "+15005550999"),
            _ => p,
        }).ToList();
        using (var rejection = await cluster[0].PostSignedAsync(CallWebhookClient.EntryPath, unknown))
        {
            Assert.Equal(HttpStatusCode.OK, rejection.StatusCode);
            var xml = await rejection.Content.ReadAsStringAsync();
            Assert.Contains("not in service", xml, StringComparison.Ordinal);
            Assert.Contains("<Hangup", xml, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await cluster[0].GetCallAsync(TenantA, stranger)).Status);
    }

    [Fact]
    public async Task Behind_a_proxy_signatures_are_checked_over_the_configured_public_url()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callproxy", silos: 1,
            new Dictionary<string, string?> { ["SignalWire:PublicBaseUrl"] = "https://Voice.Example.com/" });
        await CallLifecycleTests.AssignAsync(cluster[0], TenantA, NumberA);
        var (path, ringing) = CallScenario.Create(1, Guid.NewGuid().ToString(), NumberA, 0).Webhooks[0];

        using (var local = await cluster[0].PostSignedAsync(path, ringing))
        {
            Assert.Equal(HttpStatusCode.Forbidden, local.StatusCode);
        }

        using var proxied = await cluster[0].PostSignedAsync(path, ringing, signedUrl: "https://Voice.Example.com" + path);
        Assert.Equal(HttpStatusCode.NoContent, proxied.StatusCode);
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_a_call_sees_none_of_it_in_lists_or_the_live_stream()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callisolation", silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], TenantA, NumberA);
        await CallLifecycleTests.AssignAsync(cluster[1], TenantB, NumberB);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var streamA = await SseReader.OpenAsync(cluster[0], TestTokens.For(TenantA, Permissions.CallsRead), timeout.Token);
        await using var streamB = await SseReader.OpenAsync(cluster[1], TestTokens.For(TenantB, Permissions.CallsRead), timeout.Token);

        var callA = CallScenario.Create(0, Guid.NewGuid().ToString(), NumberA, 0);
        foreach (var (path, form) in callA.Webhooks)
        {
            await cluster[1].PostAcceptedAsync(path, form);
        }

        var callB = CallScenario.Create(2, Guid.NewGuid().ToString(), NumberB, 1);
        foreach (var (path, form) in callB.Webhooks)
        {
            await cluster[0].PostAcceptedAsync(path, form);
        }

        // A sees its call reach completed; B sees its own call end and nothing of A's before or in between.
        var seenByA = await streamA.ReadUntilAsync(e => e.Contains(callA.CallSid, StringComparison.Ordinal) && e.Contains("\"completed\"", StringComparison.Ordinal), timeout.Token);
        Assert.DoesNotContain(seenByA, e => e.Contains(callB.CallSid, StringComparison.Ordinal));
        var seenByB = await streamB.ReadUntilAsync(e => e.Contains(callB.CallSid, StringComparison.Ordinal) && e.Contains("\"busy\"", StringComparison.Ordinal), timeout.Token);
        Assert.DoesNotContain(seenByB, e => e.Contains(callA.CallSid, StringComparison.Ordinal));

        foreach (var silo in cluster.Silos)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await silo.GetCallAsync(TenantB, callA.CallSid)).Status);
            Assert.Equal(HttpStatusCode.OK, (await silo.GetCallAsync(TenantA, callA.CallSid)).Status);
            var listB = (await silo.ListCallsAsync(TenantB, "limit=200")).ToJsonString();
            Assert.DoesNotContain(callA.CallSid, listB, StringComparison.Ordinal);
            Assert.Contains(callB.CallSid, listB, StringComparison.Ordinal);
            var byNumber = (await silo.ListCallsAsync(TenantB, $"number={Uri.EscapeDataString(NumberA)}")).ToJsonString();
            Assert.DoesNotContain(callA.CallSid, byNumber, StringComparison.Ordinal);
        }

        using var noToken = await cluster[0].Client.GetAsync($"/api/signalwire/call/{callA.CallSid}");
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
    }
}

/// <summary>Reads a Server-Sent Events response: one string per event (its event and data lines).</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private SseReader(HttpResponseMessage response, StreamReader reader)
    {
        this.response = response;
        this.reader = reader;
    }

    /// <summary>Opens the stream and waits for its <c>ready</c> event, after which every change is delivered.</summary>
    public static async Task<SseReader> OpenAsync(TestSilo silo, string token, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/signalwire/calls/stream").Authorized(token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await silo.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var sse = new SseReader(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken)));
        var first = await sse.NextAsync(cancellationToken);
        Assert.StartsWith("event: ready", first, StringComparison.Ordinal);
        return sse;
    }

    public async Task<List<string>> ReadUntilAsync(Func<string, bool> last, CancellationToken cancellationToken)
    {
        var events = new List<string>();
        while (true)
        {
            var next = await NextAsync(cancellationToken);
            events.Add(next);
            if (last(next))
            {
                return events;
            }
        }
    }

    private async Task<string> NextAsync(CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && lines.Length > 0)
            {
                return lines.ToString();
            }

            lines.AppendLine(line);
        }

        throw new EndOfStreamException("the event stream ended");
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        return ValueTask.CompletedTask;
    }
}
