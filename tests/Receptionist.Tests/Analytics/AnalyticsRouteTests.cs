using System.Net;
using System.Text.Json.Nodes;
using Receptionist.Api.Auth;
using Receptionist.Grains;
using Receptionist.Grains.Messaging;
using Receptionist.Grains.Tenancy;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Analytics;

[Collection(PostgresCollection.Name)]
public sealed class AnalyticsRouteTests(PostgresFixture postgres)
{
    private const string Tenant = "acme-analytics";
    private const string Number = "+15005550301";
    private const string OtherNumber = "+15005550302";

    [Fact]
    public async Task A_price_that_arrives_after_completed_corrects_the_cost_once_however_often_it_is_delivered()
    {
        await using var cluster = await StartAsync("analyticsprice");
        var call = CallScenario.Create(0, Guid.NewGuid().ToString(), Number, 0); // ringing, in-progress, 2 recordings, completed (priced)
        var completed = call.Webhooks[^1];
        var unpriced = completed.Form.Where(p => p.Key is not ("Price" or "PriceUnit")).ToList();
        foreach (var (path, form) in call.Webhooks.Take(call.Webhooks.Count - 1).Append((completed.Path, unpriced)))
        {
            await cluster[0].PostAcceptedAsync(path, form);
        }

        var before = await cluster[0].GetAnalyticsAsync(Tenant, "from=2026-03-02&to=2026-03-02");
        Assert.Equal((1, 1, 41), ((int)before["calls"]!["total"]!, (int)before["calls"]!["answered"]!, (int)before["calls"]!["talkSeconds"]!));
        Assert.Equal(0m, (decimal)before["cost"]!["amount"]!);
        Assert.Null((string?)before["cost"]!["currency"]);

        for (var i = 0; i < 3; i++)
        {
            await cluster[i % 2].PostAcceptedAsync(completed.Path, completed.Form);
        }

        var after = await cluster[1].GetAnalyticsAsync(Tenant, "from=2026-03-02&to=2026-03-02");
        Assert.Equal(1, (int)after["calls"]!["total"]!);
        Assert.Equal((0.0085m, "USD"), ((decimal)after["cost"]!["amount"]!, (string?)after["cost"]!["currency"]));
    }

    [Fact]
    public async Task Days_are_the_tenants_local_days_and_groups_split_by_day_and_by_number()
    {
        await using var cluster = await StartAsync("analyticszone");
        await cluster[0].Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(Tenant)).UpdateSettings(new TenantSettings { TimeZone = "Asia/Tokyo" });

        // 2026-03-02 09:00Z + 870 min = 23:30Z, already 08:30 on 03-03 in Tokyo; + 1860 min = 16:00Z on 03-03, 01:00 on 03-04.
        await PostAllAsync(cluster[0], CallScenario.Create(1, Guid.NewGuid().ToString(), Number, 0));       // 03-02 18:00 Tokyo, no-answer
        await PostAllAsync(cluster[0], CallScenario.Create(2, Guid.NewGuid().ToString(), OtherNumber, 870)); // 03-03, busy
        await PostAllAsync(cluster[0], CallScenario.Create(3, Guid.NewGuid().ToString(), Number, 1860));     // 03-04, outbound answered

        var byDay = await cluster[0].GetAnalyticsAsync(Tenant, "from=2026-03-01&to=2026-03-05&groupBy=day");
        Assert.Equal(("2026-03-01", "2026-03-05"), ((string?)byDay["from"], (string?)byDay["to"]));
        Assert.Equal(
            ["2026-03-01:0", "2026-03-02:1", "2026-03-03:1", "2026-03-04:1", "2026-03-05:0"],
            byDay["groups"]!.AsArray().Select(g => $"{(string)g!["key"]!}:{(int)g["calls"]!["total"]!}"));
        var fourth = byDay["groups"]![3]!;
        Assert.Equal((1, 0, 1, 21), ((int)fourth["calls"]!["answered"]!, (int)fourth["calls"]!["inbound"]!, (int)fourth["calls"]!["outbound"]!, (int)fourth["calls"]!["talkSeconds"]!));

        var byNumber = await cluster[0].GetAnalyticsAsync(Tenant, "from=2026-03-01&to=2026-03-05&groupBy=number");
        Assert.Equal(
            [$"{Number}:2:1:1", $"{OtherNumber}:1:0:1"],
            byNumber["groups"]!.AsArray().Select(g => $"{(string)g!["key"]!}:{(int)g["calls"]!["total"]!}:{(int)g["calls"]!["answered"]!}:{(int)g["calls"]!["missed"]!}"));
        var totals = byNumber["calls"]!;
        Assert.Equal((3, 1, 2, 0, 21.0), ((int)totals["total"]!, (int)totals["answered"]!, (int)totals["missed"]!, (int)totals["failed"]!, (double)totals["averageTalkSeconds"]!));

        // Only the days asked for: the Tokyo 03-02 call is outside 03-03..03-04.
        var window = await cluster[0].GetAnalyticsAsync(Tenant, "from=2026-03-03&to=2026-03-04");
        Assert.Equal(2, (int)window["calls"]!["total"]!);
        Assert.Empty(window["groups"]!.AsArray());

        // A new zone counts the calls that come after the change in it; those counted before stay on their days.
        await cluster[0].Grains.GetGrain<ITenantGrain>(GrainKeys.Tenant(Tenant)).UpdateSettings(new TenantSettings { TimeZone = "UTC" });
        await PostAllAsync(cluster[0], CallScenario.Create(2, Guid.NewGuid().ToString(), OtherNumber, 870)); // 03-02 23:30 UTC, busy
        var afterChange = await cluster[0].GetAnalyticsAsync(Tenant, "from=2026-03-01&to=2026-03-05&groupBy=day");
        Assert.Equal(
            ["2026-03-01:0", "2026-03-02:2", "2026-03-03:1", "2026-03-04:1", "2026-03-05:0"],
            afterChange["groups"]!.AsArray().Select(g => $"{(string)g!["key"]!}:{(int)g["calls"]!["total"]!}"));
    }

    [Fact]
    public async Task A_tenant_sees_only_its_own_calls_in_analytics()
    {
        await using var cluster = await StartAsync("analyticsisolation");
        await CallLifecycleTests.AssignAsync(cluster[0], "other-tenant", "+15005550399");
        await PostAllAsync(cluster[0], CallScenario.Create(0, Guid.NewGuid().ToString(), Number, 0));
        await PostAllAsync(cluster[0], CallScenario.Create(0, Guid.NewGuid().ToString(), "+15005550399", 0));
        await PostAllAsync(cluster[0], CallScenario.Create(2, Guid.NewGuid().ToString(), "+15005550399", 5));

        var mine = await cluster[0].GetAnalyticsAsync(Tenant, "from=2026-03-02&to=2026-03-02&groupBy=number");
        var theirs = await cluster[0].GetAnalyticsAsync("other-tenant", "from=2026-03-02&to=2026-03-02&groupBy=number");
        var stranger = await cluster[0].GetAnalyticsAsync("nobody", "from=2026-03-02&to=2026-03-02&groupBy=number");
        Assert.Equal((1, Number), ((int)mine["calls"]!["total"]!, (string?)mine["groups"]![0]!["key"]));
        Assert.Single(mine["groups"]!.AsArray());
        Assert.Equal((2, "+15005550399"), ((int)theirs["calls"]!["total"]!, (string?)theirs["groups"]![0]!["key"]));
        Assert.Equal(0, (int)stranger["calls"]!["total"]!);
        Assert.Empty(stranger["groups"]!.AsArray());

        using var forbidden = await cluster[0].GetAnalyticsResponseAsync(Tenant, "", Permissions.CallsRead);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task Messages_count_once_as_received_sent_delivered_or_failed_with_their_cost()
    {
        await using var cluster = await StartAsync("analyticssms");
        var at = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        var inbound = new InboundMessage { MessageSid = Guid.NewGuid().ToString(), From = "+14155550111", To = Number, Body = "hello", ReceivedAt = at };
        await cluster[0].Grains.GetGrain<IMessageGrain>(GrainKeys.Message(inbound.MessageSid)).Receive(inbound);
        await cluster[1].Grains.GetGrain<IMessageGrain>(GrainKeys.Message(inbound.MessageSid)).Receive(inbound);

        async Task StatusAsync(string sid, MessageStatus status, decimal? price = null) =>
            await cluster[0].Grains.GetGrain<IMessageGrain>(GrainKeys.Message(sid)).ApplyStatus(new MessageStatusUpdate
            {
                MessageSid = sid, Status = status, From = Number, To = "+14155550112", Body = "hi", ReceivedAt = at,
                Price = price, PriceUnit = price is null ? null : "USD",
            });
        var delivered = Guid.NewGuid().ToString();
        await StatusAsync(delivered, MessageStatus.Sent, 0.0079m);
        await StatusAsync(delivered, MessageStatus.Delivered);
        await StatusAsync(delivered, MessageStatus.Delivered);
        var undelivered = Guid.NewGuid().ToString();
        await StatusAsync(undelivered, MessageStatus.Undelivered, 0.0079m);
        await StatusAsync(undelivered, MessageStatus.Sent);

        var report = await cluster[1].GetAnalyticsAsync(Tenant, "from=2026-03-02&to=2026-03-02&groupBy=number");
        var sms = report["sms"]!;
        Assert.Equal((2, 1, 1, 1, 0.5), ((int)sms["sent"]!, (int)sms["received"]!, (int)sms["delivered"]!, (int)sms["failed"]!, (double)sms["deliveryRate"]!));
        Assert.Equal(0.0158m, (decimal)report["cost"]!["amount"]!);
        Assert.Equal(0, (int)report["calls"]!["total"]!);
        Assert.Equal([Number], report["groups"]!.AsArray().Select(g => (string)g!["key"]!));
    }

    /// <summary>Read-only checks of the query's bounds share one cluster: none of them stores anything.</summary>
    [Fact]
    public async Task Without_bounds_the_report_covers_the_last_30_days_a_year_is_allowed_and_a_bad_query_is_a_400_naming_its_field()
    {
        await using var cluster = await StartAsync("analyticsquery");
        var report = await cluster[0].GetAnalyticsAsync(Tenant, "");
        var (from, to) = (DateOnly.Parse((string)report["from"]!, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse((string)report["to"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(29, to.DayNumber - from.DayNumber);
        Assert.InRange(to.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow).DayNumber, -1, 1);

        var year = await cluster[0].GetAnalyticsAsync(Tenant, "from=2025-03-03&to=2026-03-03&groupBy=day");
        Assert.Equal(366, year["groups"]!.AsArray().Count);

        (string Query, string Field)[] bad =
        [
            ("from=2026-3-2", "from"),
            ("to=yesterday", "to"),
            ("from=2026-03-05&to=2026-03-04", "to"),
            ("from=2025-01-01&to=2026-01-02", "to"), // 367 days
            ("groupBy=week", "groupBy"),
        ];
        foreach (var (query, field) in bad)
        {
            using var response = await cluster[1].GetAnalyticsResponseAsync(Tenant, query);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("https://receptionist.dev/problems/validation", (string?)problem["type"]);
            Assert.True(problem["errors"]![field] is not null, $"{query}: no error for {field} in {problem}");
        }
    }

    private async Task<TestSiloCluster> StartAsync(string purpose)
    {
        var cluster = await TestSiloCluster.StartAsync(postgres, purpose, silos: 2);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, Number);
        await CallLifecycleTests.AssignAsync(cluster[0], Tenant, OtherNumber);
        return cluster;
    }

    private static async Task PostAllAsync(TestSilo silo, CallScenario call)
    {
        foreach (var (path, form) in call.Webhooks)
        {
            await silo.PostAcceptedAsync(path, form);
        }
    }
}
