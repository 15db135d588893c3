using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Runtime;
using Receptionist.Api.Auth;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Messaging;

[Collection(PostgresCollection.Name)]
public sealed class SmsSettingsTests(PostgresFixture postgres)
{
    private const string Acme = "acme";

    private static readonly object Settings = new
    {
        businessName = "Acme Dental",
        timeZone = "Europe/Berlin",
        sms = new
        {
            keywordRules = new[] { new { keyword = "hours", reply = "9 to 5." } },
            defaultReply = "Thanks!",
            afterHoursReply = "Closed.",
            helpText = "Call us.",
        },
        businessHours = new
        {
            week = new[] { new { day = "Monday", opens = "9:00", closes = "17:30" }, new { day = "friday", opens = "18:00", closes = "02:00" } },
            holidays = new[] { "2026-12-25", "2026-12-24" },
        },
    };

    [Fact]
    public async Task Sms_settings_and_business_hours_round_trip_survive_reactivation_and_saving_them_again_changes_nothing()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smssettings", silos: 2);
        var saved = await cluster[0].PutSettingsOkAsync(Acme, Settings);
        Assert.Equal(1, (int?)saved["version"]);
        Assert.Equal("hours", (string?)saved["sms"]!["keywordRules"]![0]!["keyword"]);
        var hours = saved["businessHours"]!;
        Assert.Equal("Europe/Berlin", (string?)hours["timeZone"]); // the tenant's time zone when none is given
        Assert.Equal(("Monday", "09:00:00", "17:30:00"), ((string?)hours["week"]![0]!["day"], (string?)hours["week"]![0]!["opens"], (string?)hours["week"]![0]!["closes"]));
        Assert.Equal(["2026-12-24", "2026-12-25"], hours["holidays"]!.AsArray().Select(d => (string)d!));

        await cluster[0].Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var reread = await GetAsync(cluster[1]);
        Assert.Equal(saved.ToJsonString(), reread.ToJsonString());
        Assert.Equal(1, (int?)(await cluster[1].PutSettingsOkAsync(Acme, Settings))["version"]);
    }

    [Fact]
    public async Task Invalid_rules_and_hours_are_refused_field_by_field_and_change_nothing()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "smssettingsbad", silos: 1);
        await cluster[0].PutSettingsOkAsync(Acme, Settings);
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/tenant/settings")
        {
            Content = JsonContent.Create(new
            {
                businessName = "Acme",
                sms = new { keywordRules = new[] { new { keyword = "STOP", reply = "no" }, new { keyword = "two words", reply = "x" }, new { keyword = "hours", reply = "" } } },
                businessHours = new { timeZone = "Mars/Olympus", week = new[] { new { day = "funday", opens = "25:00", closes = "17:00" } }, holidays = new[] { "25/12/2026" } },
            }),
        }.Authorized(TestTokens.For(Acme, Permissions.SettingsWrite));
        using var response = await cluster[0].Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(
            new[] { "businessHours.holidays[0]", "businessHours.timeZone", "businessHours.week[0].day", "businessHours.week[0].opens",
                "sms.keywordRules[0].keyword", "sms.keywordRules[1].keyword", "sms.keywordRules[2].reply" },
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(1, (int?)(await GetAsync(cluster[0]))["version"]);
    }

    private static async Task<JsonObject> GetAsync(TestSilo silo)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tenant/settings").Authorized(TestTokens.For(Acme, Permissions.SettingsRead));
        using var response = await silo.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
