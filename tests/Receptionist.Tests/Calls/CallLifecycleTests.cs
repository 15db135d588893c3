using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Receptionist.Api.Auth;
using Receptionist.Grains;
using Receptionist.Grains.Numbers;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Calls;

[Collection(PostgresCollection.Name)]
public sealed class CallLifecycleTests(PostgresFixture postgres)
{
    private const string Tenant = "acme";
    private const string TenantNumber = "+15005550100";

    [Fact]
    public async Task Shuffled_and_duplicated_webhooks_for_hundreds_of_calls_end_in_the_same_state_as_ordered_ones()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callorder", silos: 2);
        await AssignAsync(cluster[0], Tenant, TenantNumber);
        const int calls = 120;
        var ordered = Enumerable.Range(0, calls).Select(i => CallScenario.Create(i, $"o-{i:0000}-{Guid.NewGuid()}", TenantNumber, i)).ToList();
        var shuffled = Enumerable.Range(0, calls).Select(i => CallScenario.Create(i, $"s-{i:0000}-{Guid.NewGuid()}", TenantNumber, i)).ToList();

        // Ordered: each call's webhooks one after another, calls in parallel, through alternating silos.
        await Parallel.ForEachAsync(ordered.Select((c, i) => (c, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (item, _) =>
        {
            foreach (var (path, form) in item.c.Webhooks)
            {
                await cluster[item.i % 2].PostAcceptedAsync(path, form);
            }
        });

        // Shuffled: every webhook of every call, a third of them twice, in one random order, concurrently.
        var random = new Random(20260302);
        var deliveries = shuffled.SelectMany(c => c.Webhooks).SelectMany(w => random.Next(3) == 0 ? new[] { w, w } : [w]).ToArray();
        random.Shuffle(deliveries);
        await Parallel.ForEachAsync(deliveries.Select((d, i) => (d, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, _) => await cluster[item.i % 2].PostAcceptedAsync(item.d.Path, item.d.Form));

        for (var i = 0; i < calls; i++)
        {
            var (_, expected) = await cluster[i % 2].GetCallAsync(Tenant, ordered[i].CallSid);
            var (_, actual) = await cluster[(i + 1) % 2].GetCallAsync(Tenant, shuffled[i].CallSid);
            Assert.Equal(Normalize(expected!), Normalize(actual!));
        }

        // Spot-check what the folded state means, on one call of each kind.
        var answered = (await cluster[0].GetCallAsync(Tenant, ordered[0].CallSid)).Call!;
        Assert.Equal("completed", (string?)answered["status"]);
        Assert.Equal(41, (int?)answered["durationSeconds"]);
        Assert.Equal(0.0085m, (decimal?)answered["price"]);
        Assert.Equal("completed", (string?)answered["recordings"]![0]!["status"]);
        Assert.Equal(40, (int?)answered["recordings"]![0]!["durationSeconds"]);
        Assert.Equal(5, answered["events"]!.AsArray().Count);
        Assert.Equal("no-answer", (string?)(await cluster[0].GetCallAsync(Tenant, ordered[1].CallSid)).Call!["status"]);
        var machine = (await cluster[0].GetCallAsync(Tenant, ordered[3].CallSid)).Call!;
        Assert.Equal(("outbound", "machine", "USD"), ((string?)machine["direction"], (string?)machine["answeredBy"], (string?)machine["priceUnit"]));

        // The read is written by its generated JSON writer with the HTTP options' encoder (the bytes every other answer has), whole.
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/signalwire/call/{ordered[0].CallSid}").Authorized(TestTokens.For(Tenant, Permissions.CallsRead));
        using var raw = await cluster[0].Client.SendAsync(read);
        Assert.Equal("application/json; charset=utf-8", raw.Content.Headers.ContentType?.ToString());
        var body = await raw.Content.ReadAsByteArrayAsync();
        Assert.Contains($"\"{TenantNumber}\"", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.NotEqual(true, raw.Headers.TransferEncodingChunked); // sent whole with its length
        Assert.Equal(body.Length, raw.Content.Headers.ContentLength);

        // The call log pages through every call exactly once, newest first.
        var listed = new List<JsonObject>();
        string? cursor = null;
        do
        {
            var page = await cluster[1].ListCallsAsync(Tenant, "limit=70" + (cursor is null ? "" : $"&cursor={cursor}"));
            listed.AddRange(page["calls"]!.AsArray().Select(c => c!.AsObject()));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        Assert.Equal(2 * calls, listed.Select(c => (string)c["callSid"]!).Distinct().Count());
        var created = listed.Select(c => (DateTimeOffset)c["createdAt"]!).ToList();
        Assert.Equal(created.OrderByDescending(c => c), created);

        var busy = await cluster[0].ListCallsAsync(Tenant, "status=busy&direction=inbound&limit=200");
        Assert.Equal(2 * (calls / 4), busy["calls"]!.AsArray().Count);
        Assert.All(busy["calls"]!.AsArray(), c => Assert.Equal("busy", (string?)c!["status"]));
        var window = await cluster[0].ListCallsAsync(Tenant, "since=2026-03-02T09:10:00Z&until=2026-03-02T09:20:00Z&limit=200");
        Assert.Equal(2 * 10, window["calls"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_late_ringing_after_completed_records_when_it_rang_and_a_second_terminal_status_changes_nothing()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "calllate", silos: 2);
        await AssignAsync(cluster[0], Tenant, TenantNumber);
        var call = CallScenario.Create(2, Guid.NewGuid().ToString(), TenantNumber, 0); // ringing, busy
        await cluster[0].PostAcceptedAsync(call.Webhooks[1].Path, call.Webhooks[1].Form);
        Assert.Null((await cluster[1].GetCallAsync(Tenant, call.CallSid)).Call!["rangAt"]);

        await cluster[1].PostAcceptedAsync(call.Webhooks[0].Path, call.Webhooks[0].Form);
        var late = (await cluster[0].GetCallAsync(Tenant, call.CallSid)).Call!;
        Assert.Equal("busy", (string?)late["status"]);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 9, 0, 1, TimeSpan.Zero), (DateTimeOffset)late["rangAt"]!);

        var failed = call.Webhooks[1].Form.Select(p => p.Key == "CallStatus" ? new KeyValuePair<string, string>(p.Key, "failed") : p).ToList();
        await cluster[0].PostAcceptedAsync(CallWebhookClient.CallStatusPath, failed);
        Assert.Equal(Normalize(late), Normalize((await cluster[1].GetCallAsync(Tenant, call.CallSid)).Call!));
    }

    [Fact]
    public async Task Killing_the_silo_that_hosts_a_call_between_two_of_its_events_loses_neither()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callkill", silos: 2);
        await AssignAsync(cluster[1], Tenant, TenantNumber);
        var calls = Enumerable.Range(0, 12).Select(i => CallScenario.Create(4 * i + 2, Guid.NewGuid().ToString(), TenantNumber, i)).ToList();
        foreach (var call in calls)
        {
            await cluster[0].PostAcceptedAsync(call.Webhooks[0].Path, call.Webhooks[0].Form);
        }

        // Placement decides where the calls live (it weighs load, so not always where the webhook arrived): the victim
        // is whichever silo hosts more of them, and the survivor takes the second events.
        var hosted = await Task.WhenAll(cluster.Silos.Select(silo => CallsHostedOnAsync(silo, calls.Select(c => c.CallSid))));
        var victim = hosted[0].Count >= hosted[1].Count ? 0 : 1;
        Assert.NotEmpty(hosted[victim]);
        var survivor = cluster[1 - victim];

        await cluster[victim].KillAsync();
        foreach (var call in calls)
        {
            await RetryAsync(() => survivor.PostAcceptedAsync(call.Webhooks[1].Path, call.Webhooks[1].Form));
        }

        foreach (var call in calls)
        {
            var (status, json) = await survivor.GetCallAsync(Tenant, call.CallSid);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("busy", (string?)json!["status"]);
            Assert.NotNull(json["rangAt"]);
            Assert.Equal(["ringing", "busy"], json["events"]!.AsArray().Select(e => (string)e!["status"]!).ToArray());
        }
    }

    [Fact]
    public async Task An_ended_call_leaves_the_silo_s_memory_and_its_late_recording_callback_still_lands()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callended", silos: 1);
        await AssignAsync(cluster[0], Tenant, TenantNumber);
        var call = CallScenario.Create(0, $"e-{Guid.NewGuid()}", TenantNumber, 0);
        var recorded = call.Webhooks.Single(w => w.Form.Any(f => f is { Key: "RecordingStatus", Value: "completed" }));
        foreach (var (path, form) in call.Webhooks.Where(w => w != recorded))
        {
            await cluster[0].PostAcceptedAsync(path, form);
        }

        // SignalWire's recording callback comes seconds after the call ended: by then its grain has left the silo.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await CallsHostedOnAsync(cluster[0], [call.CallSid])).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The ended call's grain was still active after 30 s.");
            await Task.Delay(50);
        }

        await cluster[0].PostAcceptedAsync(recorded.Path, recorded.Form);

        var shown = (await cluster[0].GetCallAsync(Tenant, call.CallSid)).Call!;
        Assert.Equal("completed", (string?)shown["status"]);
        Assert.Equal("completed", (string?)shown["recordings"]![0]!["status"]);
        Assert.Equal(40, (int?)shown["recordings"]![0]!["durationSeconds"]);
        Assert.Equal(5, shown["events"]!.AsArray().Count);
    }

    internal static async Task AssignAsync(TestSilo silo, string tenantId, string number) =>
        Assert.NotEqual(NumberAssignmentResult.OwnedByAnotherTenant,
            await silo.Grains.GetGrain<IPhoneNumberGrain>(GrainKeys.PhoneNumber(number)).Assign(tenantId, $"pn-{Guid.NewGuid()}"));

    private static string Normalize(JsonObject call)
    {
        var copy = call.DeepClone().AsObject();
        copy.Remove("callSid");
        foreach (var recording in copy["recordings"]!.AsArray())
        {
            recording!.AsObject().Remove("recordingSid");
            recording.AsObject().Remove("url");
        }

        foreach (var e in copy["events"]!.AsArray())
        {
            e!.AsObject().Remove("recordingSid");
        }

        return copy.ToJsonString();
    }

    private static async Task<List<string>> CallsHostedOnAsync(TestSilo silo, IEnumerable<string> callSids)
    {
        var local = silo.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress;
        var management = silo.Grains.GetGrain<Orleans.Runtime.IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics(hostsIds: [local]);
        var hosted = statistics.Select(s => s.GrainId.ToString()).ToHashSet();
        return [.. callSids.Where(sid => hosted.Any(h => h.EndsWith(GrainKeys.Call(sid), StringComparison.Ordinal)))];
    }

    private static async Task RetryAsync(Func<Task> action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // As SignalWire does: a failed callback is retried.
                await Task.Delay(500);
            }
        }
    }
}
