using System.Net;
using Receptionist.Tests.Infrastructure;
using SignalWire.Emulator;

namespace Receptionist.Tests.Outbound;

/// <summary>Searching, buying and claiming numbers through the API, and what an inbound call to one then does.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PhoneNumberTests(PostgresFixture postgres, TelephonyFixture telephony) : IClassFixture<TelephonyFixture>
{
    private const string NumbersPath = "/api/signalwire/phone-numbers";

    private EmulatorHandle Emulator => telephony.Emulator;

    [Fact]
    public async Task A_bought_number_points_at_the_service_and_routes_an_inbound_call_to_the_buying_tenant()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var buyer = TelephonyApi.NewTenant();
        var bystander = TelephonyApi.NewTenant();
        var (searched, offers) = await cluster[0].SendAsync(HttpMethod.Get, $"{NumbersPath}/available?areaCode=617&type=local", buyer);
        Assert.Equal(HttpStatusCode.OK, searched);
        var offer = (string)offers!["availablePhoneNumbers"]![0]!["phoneNumber"]!;
        Assert.StartsWith("+1617", offer, StringComparison.Ordinal);
        Assert.Contains("voice", offers["availablePhoneNumbers"]![0]!["capabilities"]!.AsArray().Select(c => (string?)c));

        var (bought, purchase) = await cluster[0].SendAsync(HttpMethod.Post, NumbersPath, buyer, new { phoneNumber = offer });

        Assert.Equal(HttpStatusCode.Created, bought);
        Assert.Equal("bought", (string?)purchase!["outcome"]);
        var silo0 = $"http://127.0.0.1:{cluster[0].HttpPort}";
        var onSignalWire = Assert.Single(Emulator.State.Numbers(), n => n.PhoneNumber == offer);
        Assert.Equal(
            ($"{silo0}/api/mcp/ivr/entry", $"{silo0}/api/signalwire/webhook/call-status", $"{silo0}/api/signalwire/webhook/sms"),
            (onSignalWire.VoiceUrl, onSignalWire.StatusCallback, onSignalWire.SmsUrl));
        Assert.DoesNotContain(Emulator.State.Numbers(), n => n.PhoneNumber == offer && n.Sid != onSignalWire.Sid);

        var (_, mine) = await cluster[1].SendAsync(HttpMethod.Get, NumbersPath, buyer, null, "phone_numbers:read");
        var listed = Assert.Single(mine!["phoneNumbers"]!.AsArray());
        Assert.Equal((offer, onSignalWire.Sid, onSignalWire.VoiceUrl), ((string?)listed!["phoneNumber"], (string?)listed["numberSid"], (string?)listed["voiceUrl"]));
        var (_, theirs) = await cluster[1].SendAsync(HttpMethod.Get, NumbersPath, bystander);
        Assert.Empty(theirs!["phoneNumbers"]!.AsArray());

        // Someone dials the new number: SignalWire (the emulator) posts a signed voice request to the service.
        var inbound = await Emulator.Controls.SimulateInboundCallAsync(offer, "+14155550142");

        Assert.Equal(200, inbound.StatusCode);
        Assert.Contains("<Response>", inbound.Body, StringComparison.Ordinal);
        var call = Assert.Single(await cluster[1].ListCallsAsync(buyer));
        Assert.Equal((inbound.CallSid, "inbound", "+14155550142"), ((string?)call!["callSid"], (string?)call["direction"], (string?)call["from"]));
        Assert.Empty(await cluster[0].ListCallsAsync(bystander));

        // The buying tenant can end it, and the number's status callback brings the end back.
        var (hungUp, _) = await cluster[1].SendAsync(HttpMethod.Patch, $"/api/signalwire/call/{inbound.CallSid}", buyer, new { status = "completed" });
        Assert.Equal(HttpStatusCode.OK, hungUp);
        await cluster[0].WaitForCallAsync(buyer, inbound.CallSid, "completed");
    }

    [Fact]
    public async Task A_number_the_project_owns_is_claimed_not_bought_and_an_area_code_buys_the_first_available()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var projectNumber = TelephonyApi.NewNumber();
        Emulator.Controls.AddOwnedNumber(projectNumber, voiceUrl: "https://old.example.test/voice");
        var buys = Emulator.State.RequestCount(EmulatorRoutes.NumberBuy);

        var (claimed, claim) = await cluster[0].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { phoneNumber = projectNumber });
        var (again, repeat) = await cluster[1].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { phoneNumber = projectNumber });

        Assert.Equal((HttpStatusCode.Created, "claimed"), (claimed, (string?)claim!["outcome"]));
        Assert.Equal((HttpStatusCode.OK, "already-owned"), (again, (string?)repeat!["outcome"]));
        Assert.Equal(buys, Emulator.State.RequestCount(EmulatorRoutes.NumberBuy));
        Assert.Equal($"http://127.0.0.1:{cluster[0].HttpPort}/api/mcp/ivr/entry", (string?)claim["phoneNumber"]!["voiceUrl"]);
        Assert.StartsWith($"http://127.0.0.1:{cluster[1].HttpPort}/", Emulator.State.Numbers().Single(n => n.PhoneNumber == projectNumber).VoiceUrl, StringComparison.Ordinal);

        var (bought, purchase) = await cluster[0].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { areaCode = "512" });

        Assert.Equal((HttpStatusCode.Created, "bought"), (bought, (string?)purchase!["outcome"]));
        var newNumber = (string)purchase["phoneNumber"]!["phoneNumber"]!;
        Assert.StartsWith("+1512", newNumber, StringComparison.Ordinal);
        Assert.Equal(buys + 1, Emulator.State.RequestCount(EmulatorRoutes.NumberBuy));
        var (_, list) = await cluster[1].SendAsync(HttpMethod.Get, NumbersPath, tenant);
        Assert.Equal(new[] { projectNumber, newNumber }.Order(StringComparer.Ordinal), list!["phoneNumbers"]!.AsArray().Select(n => (string)n!["phoneNumber"]!));
    }

    [Fact]
    public async Task Another_tenants_number_is_a_conflict_and_nothing_is_bought_or_changed()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var owner = TelephonyApi.NewTenant();
        var intruder = TelephonyApi.NewTenant();
        var number = await cluster[0].GiveNumberAsync(Emulator, owner);
        var before = Emulator.State.Numbers().Single(n => n.PhoneNumber == number);
        var (buys, updates) = (Emulator.State.RequestCount(EmulatorRoutes.NumberBuy), Emulator.State.RequestCount(EmulatorRoutes.NumberUpdate));

        var (status, problem) = await cluster[1].SendAsync(HttpMethod.Post, NumbersPath, intruder, new { phoneNumber = number });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("https://receptionist.dev/problems/conflict", (string?)problem!["type"]);
        Assert.Equal((buys, updates), (Emulator.State.RequestCount(EmulatorRoutes.NumberBuy), Emulator.State.RequestCount(EmulatorRoutes.NumberUpdate)));
        Assert.Equal(before, Emulator.State.Numbers().Single(n => n.PhoneNumber == number));
        var (_, theirs) = await cluster[0].SendAsync(HttpMethod.Get, NumbersPath, intruder);
        Assert.Empty(theirs!["phoneNumbers"]!.AsArray());
        var (_, mine) = await cluster[0].SendAsync(HttpMethod.Get, NumbersPath, owner);
        Assert.Single(mine!["phoneNumbers"]!.AsArray());
    }

    [Fact]
    public async Task Failed_purchases_of_every_kind_assign_nothing()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var number = TelephonyApi.NewNumber();
        Emulator.Controls.AddNumberForSale(number);

        Emulator.Controls.FailNext(EmulatorRoutes.NumberBuy, 1, 400, code: 21422, message: "Phone number is not available");
        var (refused, refusal) = await cluster[0].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { phoneNumber = number });
        Emulator.Controls.FailNext(EmulatorRoutes.NumberBuy, 1, 500);
        var (broken, _) = await cluster[0].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { phoneNumber = number });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadGateway), (refused, broken));
        Assert.Equal((21422, "Phone number is not available"), ((int?)refusal!["signalWireCode"], (string?)refusal["signalWireMessage"]));
        Assert.DoesNotContain(Emulator.State.Numbers(), n => n.PhoneNumber == number);
        await AssertNoNumbersAsync(cluster, tenant);

        Emulator.Controls.DelayNext(EmulatorRoutes.NumberBuy, 1, TelephonyFixture.SignalWireTimeout * 2);
        var (timedOut, problem) = await cluster[1].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { phoneNumber = number });
        Assert.Equal(HttpStatusCode.GatewayTimeout, timedOut);
        Assert.Equal("https://receptionist.dev/problems/signalwire-timeout", (string?)problem!["type"]);
        await Task.Delay(TelephonyFixture.SignalWireTimeout);
        Assert.DoesNotContain(Emulator.State.Numbers(), n => n.PhoneNumber == number);
        await AssertNoNumbersAsync(cluster, tenant);

        // The number is still for sale: once SignalWire answers, the same request buys it.
        var (retried, retry) = await cluster[1].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { phoneNumber = number });
        Assert.Equal((HttpStatusCode.Created, "bought"), (retried, (string?)retry!["outcome"]));
        Assert.Single(Emulator.State.Numbers(), n => n.PhoneNumber == number);
    }

    [Fact]
    public async Task Bad_requests_are_refused_before_SignalWire_is_asked()
    {
        var cluster = await telephony.ClusterAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var requests = Emulator.State.RequestCounts().Values.Sum();

        var (both, bothProblem) = await cluster[0].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { phoneNumber = "+15550001234", areaCode = "415" });
        var (neither, _) = await cluster[0].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { });
        var (badNumber, _) = await cluster[0].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { phoneNumber = "5550001234" });
        var (badArea, _) = await cluster[0].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { areaCode = "041" });
        var (badSearch, searchProblem) = await cluster[0].SendAsync(HttpMethod.Get, $"{NumbersPath}/available?areaCode=12&type=mobile&region=California", tenant);
        var (readOnly, _) = await cluster[0].SendAsync(HttpMethod.Post, NumbersPath, tenant, new { areaCode = "415" }, "phone_numbers:read");

        Assert.All(new[] { both, neither, badNumber, badArea, badSearch }, s => Assert.Equal(HttpStatusCode.BadRequest, s));
        Assert.Equal(HttpStatusCode.Forbidden, readOnly);
        Assert.NotNull(bothProblem!["errors"]!["phoneNumber"]);
        Assert.Equal(["areaCode", "region", "type"], searchProblem!["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal(requests, Emulator.State.RequestCounts().Values.Sum());
    }

    private static async Task AssertNoNumbersAsync(TestSiloCluster cluster, string tenant)
    {
        foreach (var silo in cluster.Silos)
        {
            var (_, list) = await silo.SendAsync(HttpMethod.Get, NumbersPath, tenant);
            Assert.Empty(list!["phoneNumbers"]!.AsArray());
        }
    }
}
