using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Receptionist.Grains.SignalWire;
using Receptionist.Grains.SignalWire.Wire;

namespace Receptionist.Tests.SignalWire;

public sealed class SignalWireOptionsTests
{
    [Fact]
    public async Task Unconfigured_is_valid_and_every_operation_fails_as_not_configured()
    {
        await using var services = SignalWireHarness.CreateServices(new Dictionary<string, string?>());
        var client = services.GetRequiredService<SignalWireClient>();

        Assert.False(client.IsConfigured);
        var failure = await Assert.ThrowsAsync<SignalWireException>(() => client.GetCallAsync(Guid.NewGuid().ToString()));
        Assert.Equal(SignalWireFailureKind.NotConfigured, failure.Kind);
        Assert.Equal("SignalWire is not configured", failure.Message);
        Assert.False((await client.ProbeAsync()).Reachable);
    }

    [Theory]
    [InlineData("example.signalwire.com", null, "token")]
    [InlineData("ftp://example.signalwire.com", "b3877c40-da60-4998-90ad-b792e98472af", "token")]
    [InlineData("example.signalwire.com", "b3877c40-da60-4998-90ad-b792e98472af:token", "token")]
    public async Task Half_or_malformed_configuration_is_refused(string? space, string? project, string? token)
    {
        await using var services = SignalWireHarness.CreateServices(new Dictionary<string, string?>
        {
            ["SignalWire:SpaceUrl"] = space, ["SignalWire:ProjectId"] = project, ["SignalWire:Token"] = token,
        });

        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SignalWireOptions>>().Value);
    }

    [Theory]
    [InlineData("example.signalwire.com", "https://example.signalwire.com/")]
    [InlineData("https://example.signalwire.com/", "https://example.signalwire.com/")]
    [InlineData("http://127.0.0.1:5090", "http://127.0.0.1:5090/")]
    public void A_space_is_a_host_meaning_https_or_a_full_url(string space, string expected)
    {
        var options = new SignalWireOptions { SpaceUrl = space, ProjectId = "p", Token = "t" };
        Assert.True(options.IsConfigured);
        Assert.Equal(new Uri(expected), options.SpaceBaseUri);
    }

    [Theory]
    [InlineData("Wed, 19 Sep 2018 20:00:00 +0000", "2018-09-19T20:00:00+00:00")]
    [InlineData("Thu, 9 Nov 2023 14:40:55 -0500", "2023-11-09T14:40:55-05:00")]
    [InlineData("Mon, 01 Jan 2024 00:00:00 GMT", "2024-01-01T00:00:00+00:00")]
    public void Rfc_2822_dates_parse_with_their_offset(string text, string expected)
    {
        Assert.True(Rfc2822Date.TryParse(text, out var parsed));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(parsed.Offset, DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset);
    }

    [Fact]
    public void Gibberish_is_not_a_date()
    {
        Assert.False(Rfc2822Date.TryParse("yesterday-ish", out _));
    }
}
