using System.Globalization;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Models;
using SignalWire.Emulator;

namespace Receptionist.Tests.SignalWire;

public sealed class SignalWireNumberTests
{
    [Fact]
    public async Task Local_search_filters_by_area_code_region_and_contains_and_toll_free_search_is_separate()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        harness.Emulator.Controls.AddNumberForSale("+13125552255", region: "IL");

        var byArea = await harness.Client.SearchAvailableNumbersAsync(new AvailableNumberQuery { AreaCode = "415" });
        Assert.NotEmpty(byArea);
        Assert.All(byArea, n => Assert.StartsWith("+1415", n.PhoneNumber, StringComparison.Ordinal));
        Assert.All(byArea, n => Assert.Equal("CA", n.Region));
        Assert.True(byArea[0].Capabilities["SMS"]);

        var byRegion = await harness.Client.SearchAvailableNumbersAsync(new AvailableNumberQuery { InRegion = "TX" });
        Assert.NotEmpty(byRegion);
        Assert.All(byRegion, n => Assert.StartsWith("+1512", n.PhoneNumber, StringComparison.Ordinal));

        var vanity = Assert.Single(await harness.Client.SearchAvailableNumbersAsync(new AvailableNumberQuery { Contains = "CALL" }));
        Assert.Equal("+13125552255", vanity.PhoneNumber);

        var tollFree = await harness.Client.SearchAvailableNumbersAsync(new AvailableNumberQuery { Kind = AvailableNumberKind.TollFree });
        Assert.NotEmpty(tollFree);
        Assert.All(tollFree, n => Assert.Matches(@"^\+18(00|33|88)", n.PhoneNumber));

        var badAreaCode = await Assert.ThrowsAsync<SignalWireException>(() =>
            harness.Client.SearchAvailableNumbersAsync(new AvailableNumberQuery { AreaCode = "12" }));
        Assert.Equal(21451, badAreaCode.Code);
    }

    [Fact]
    public async Task Buying_a_number_configures_its_webhooks_and_it_cannot_be_bought_twice()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        var offer = (await harness.Client.SearchAvailableNumbersAsync(new AvailableNumberQuery { AreaCode = "212" }))[0];

        var bought = await harness.Client.BuyNumberAsync(offer.PhoneNumber, new NumberWebhooks
        {
            VoiceUrl = new Uri("https://api.example.test/api/mcp/ivr/entry"),
            SmsUrl = new Uri("https://api.example.test/api/signalwire/webhook/sms"),
        });

        Assert.True(Guid.TryParse(bought.Sid, out _));
        Assert.Equal(offer.PhoneNumber, bought.PhoneNumber);
        Assert.Equal("https://api.example.test/api/mcp/ivr/entry", bought.VoiceUrl);
        Assert.Equal("POST", bought.VoiceMethod);
        Assert.True(bought.Capabilities["sms"]);
        Assert.NotNull(bought.DateCreated);

        var again = await Assert.ThrowsAsync<SignalWireException>(() => harness.Client.BuyNumberAsync(offer.PhoneNumber));
        Assert.Equal(SignalWireFailureKind.Rejected, again.Kind);
        Assert.Equal(SignalWireClient.NumberNotAvailableCode, again.Code);
        var malformed = await Assert.ThrowsAsync<SignalWireException>(() => harness.Client.BuyNumberAsync("555-1234"));
        Assert.Equal(21401, malformed.Code);
        Assert.Equal(1, harness.Emulator.State.Numbers().Count(n => n.PhoneNumber == offer.PhoneNumber));
    }

    [Fact]
    public async Task Buying_the_first_available_in_an_area_code_searches_then_buys_that_number()
    {
        await using var harness = await SignalWireHarness.StartAsync();

        var first = await harness.Client.BuyFirstAvailableAsync("617");
        var second = await harness.Client.BuyFirstAvailableAsync("617");

        Assert.StartsWith("+1617", first.PhoneNumber, StringComparison.Ordinal);
        Assert.NotEqual(first.PhoneNumber, second.PhoneNumber);
        Assert.Equal(2, harness.Emulator.State.RequestCount(EmulatorRoutes.NumberSearch));
        Assert.Equal(2, harness.Emulator.State.RequestCount(EmulatorRoutes.NumberBuy));
    }

    [Fact]
    public async Task Updating_a_number_changes_only_the_given_webhooks()
    {
        await using var harness = await SignalWireHarness.StartAsync();
        var owned = Assert.Single(await harness.Client.ListIncomingNumbersAsync());
        await harness.Client.UpdateIncomingNumberAsync(owned.Sid, new NumberWebhooks { SmsUrl = new Uri("https://a.example.test/sms"), SmsMethod = "POST" });

        var updated = await harness.Client.UpdateIncomingNumberAsync(owned.Sid, new NumberWebhooks
        {
            VoiceUrl = new Uri("https://a.example.test/voice"),
            VoiceMethod = "GET",
            StatusCallback = new Uri("https://a.example.test/status"),
        });

        Assert.Equal("https://a.example.test/voice", updated.VoiceUrl);
        Assert.Equal("GET", updated.VoiceMethod);
        Assert.Equal("https://a.example.test/status", updated.StatusCallback);
        Assert.Equal("https://a.example.test/sms", updated.SmsUrl);
        var stored = harness.Emulator.State.Numbers().Single(n => n.Sid == owned.Sid);
        Assert.Equal("https://a.example.test/voice", stored.VoiceUrl);

        var unknown = await Assert.ThrowsAsync<SignalWireException>(() =>
            harness.Client.UpdateIncomingNumberAsync(Guid.NewGuid().ToString(), new NumberWebhooks { VoiceMethod = "POST" }));
        Assert.Equal(20404, unknown.Code);
    }

    [Fact]
    public async Task Listing_incoming_numbers_returns_every_page()
    {
        const int count = 1003;
        var numbers = Enumerable.Range(0, count).Select(i => "+1555" + i.ToString("0000000", CultureInfo.InvariantCulture)).ToList();
        await using var harness = await SignalWireHarness.StartAsync(configure: o => o.OwnedNumbers = numbers);

        var listed = await harness.Client.ListIncomingNumbersAsync();

        Assert.Equal(numbers, listed.Select(n => n.PhoneNumber));
        Assert.Equal(2, harness.Emulator.State.RequestCount(EmulatorRoutes.NumberList));
        var filtered = await harness.Client.ListIncomingNumbersAsync("+15550000");
        Assert.Equal(numbers.Where(n => n.StartsWith("+15550000", StringComparison.Ordinal)), filtered.Select(n => n.PhoneNumber));
    }
}
