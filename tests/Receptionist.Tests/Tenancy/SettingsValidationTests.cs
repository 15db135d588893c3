using System.Net;
using System.Text.Json.Nodes;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Ivr;

namespace Receptionist.Tests.Tenancy;

/// <summary>Settings a tenant's app gets wrong are refused at the edge with a small, bounded problem, and change nothing.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SettingsValidationTests(PostgresFixture postgres)
{
    private const string Tenant = "validated";

    [Fact]
    public async Task Thousands_of_identical_intervals_get_a_small_problem_with_at_most_twenty_errors()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "settingsbounded", silos: 1);
        var silo = cluster[0];
        var saved = await silo.PutSettingsOkAsync(Tenant, new { businessName = "Acme" });

        // ~245 KB, just under the body limit; before the limit on intervals, this one body got a 408 MB problem.
        var week = Enumerable.Repeat(new { day = "monday", opens = "09:00", closes = "17:00" }, 5000).ToArray();
        using var response = await silo.PutSettingsAsync(Tenant, new
        {
            businessName = "Acme",
            businessHours = new { week },
            callFlow = new { greeting = "Hi", menuPrompt = "Press 1", businessHours = new { week = week[..29] },
                options = new[] { new { digit = "1", action = new { kind = "say", message = "Hello" } } } },
            sms = new { keywordRules = Enumerable.Repeat(new { keyword = "STOP", reply = "no" }, 50).ToArray() },
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(body.Length < 8 * 1024, $"a {body.Length}-character problem for one bad body");
        var errors = JsonNode.Parse(body)!["errors"]!.AsObject();
        Assert.Contains("At most 28 intervals.", errors["businessHours.week"]!.AsArray().Select(e => (string?)e));
        Assert.StartsWith("Business hours belong to the tenant", (string?)errors["callFlow.businessHours"]![0], StringComparison.Ordinal);
        Assert.Equal(20, errors.Where(e => e.Key.Length > 0).Sum(e => e.Value!.AsArray().Count));
        Assert.StartsWith("More errors were not listed", (string?)errors[""]![0], StringComparison.Ordinal);
        Assert.Equal((int)saved["version"]!, (int)(await silo.GetSettingsAsync(Tenant))["version"]!);
    }

    [Fact]
    public async Task Overlapping_intervals_including_ones_past_midnight_are_refused()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "settingsoverlap", silos: 1);
        using var response = await cluster[0].PutSettingsAsync(Tenant, new
        {
            businessHours = new
            {
                week = new[]
                {
                    new { day = "friday", opens = "18:00", closes = "02:00" },
                    new { day = "saturday", opens = "01:00", closes = "05:00" },
                    new { day = "saturday", opens = "22:00", closes = "01:00" },
                    new { day = "sunday", opens = "00:30", closes = "08:00" },
                    new { day = "monday", opens = "09:00", closes = "12:00" },
                    new { day = "monday", opens = "13:00", closes = "17:00" },
                },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(["businessHours.week[1]", "businessHours.week[3]"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Null_elements_in_the_settings_arrays_are_field_errors_not_server_errors()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "settingsnulls", silos: 1);
        var body = """
            {
              "businessName": "Acme",
              "businessHours": { "week": [null], "holidays": [null] },
              "sms": { "keywordRules": [null] },
              "callFlow": {
                "greeting": "Hi", "menuPrompt": "Press 1",
                "options": [null, { "digit": "1", "keywords": [null], "action": { "kind": "say", "message": "Hello" } }],
                "aiAgent": { "prompt": "Be kind", "departments": [null] }
              }
            }
            """;
        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/tenant/settings") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") }
            .Authorized(TestTokens.For(Tenant, Receptionist.Api.Auth.Permissions.SettingsWrite));
        using var response = await cluster[0].Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.Equal(
            ["businessHours.holidays[0]", "businessHours.week[0]", "callFlow.aiAgent.departments[0]", "callFlow.options[0]",
                "callFlow.options[1].keywords", "sms.keywordRules[0].keyword", "sms.keywordRules[0].reply"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Control_characters_in_settings_text_are_refused_and_line_breaks_in_prompts_are_not()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "settingscontrol", silos: 1);
        var silo = cluster[0];
        using var response = await silo.PutSettingsAsync(Tenant, new
        {
            businessName = "Acme\u0001",
            sms = new { defaultReply = "\u001b[31mThanks", keywordRules = new[] { new { keyword = "hours", reply = "9\u0000to 5" } } },
            callFlow = new
            {
                greeting = "Hi\u0007", menuPrompt = "Press 1", afterHoursMessage = "Closed\uFFFF",
                options = new[] { new { digit = "1", keywords = new[] { "sa\u0008les" }, action = new { kind = "say", message = "Hello\u000B" } } },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.Equal(
            ["businessName", "callFlow.afterHoursMessage", "callFlow.greeting", "callFlow.options[0].action.message", "callFlow.options[0].keywords",
                "sms.defaultReply", "sms.keywordRules[0].reply"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));

        var saved = await silo.PutSettingsOkAsync(Tenant, new
        {
            businessName = "Acme",
            sms = new { defaultReply = "Thanks!\nWe reply within a day." },
            callFlow = new { greeting = "Hi.\r\n", menuPrompt = "Press 1\tfor hours.", options = new[] { new { digit = "1", action = new { kind = "say", message = "Nine to five." } } } },
        });
        Assert.Equal("Press 1\tfor hours.", (string?)saved["callFlow"]!["menuPrompt"]);
    }
}
