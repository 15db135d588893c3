using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Tenancy;

/// <summary>
/// Block list, withheld numbers, missed-call text-back and call notices over the API: saved, merged by PATCH,
/// validated field by field, documented, and the tenant grain's decision for a caller read back over HTTP.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CallerSettingsApiTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_caller_decision_follows_the_block_list_and_withheld_setting_saved_through_the_api()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callersettings", silos: 2);
        var tenant = $"screen-{Guid.NewGuid():N}";
        var other = $"screen-{Guid.NewGuid():N}";
        var defaults = await cluster[0].PutSettingsOkAsync(tenant, new { businessName = "Harbor Dental" });
        Assert.Equal(JsonNode.Parse("""{ "blocked": [], "anonymousCallers": "allow" }""")!.ToJsonString(), defaults["screening"]!.ToJsonString());
        Assert.False((bool)defaults["missedCallTextBack"]!["enabled"]!);
        Assert.False((bool)defaults["notices"]!["recording"]!["enabled"]!);
        Assert.Equal("allow", (string?)(await ScreenAsync(cluster[1], tenant, "+19005550123"))["admission"]);

        var (status, patched) = await PatchAsync(cluster[1], tenant, """
            { "screening": { "blocked": ["+15005550199", "+1900*"], "anonymousCallers": "voicemail" },
              "missedCallTextBack": { "enabled": true, "message": "Sorry we missed you!", "repeatWindowHours": 48 },
              "notices": { "aiDisclosure": { "enabled": true } } }
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Harbor Dental", (string?)patched["businessName"]);
        Assert.Equal(("Sorry we missed you!", 48), ((string?)patched["missedCallTextBack"]!["message"], (int)patched["missedCallTextBack"]!["repeatWindowHours"]!));
        Assert.Equal(("You are speaking with an automated AI assistant.", true),
            ((string?)patched["notices"]!["aiDisclosure"]!["message"], (bool)patched["notices"]!["aiDisclosure"]!["enabled"]!));

        var blocked = await ScreenAsync(cluster[0], tenant, "+19005550123");
        Assert.Equal(("reject", "blocked", "+1900*"), ((string?)blocked["admission"], (string?)blocked["reason"], (string?)blocked["matchedEntry"]));
        Assert.Equal(("reject", "+15005550199"), ((string?)(await ScreenAsync(cluster[1], tenant, "+15005550199"))["admission"],
            (string?)(await ScreenAsync(cluster[1], tenant, "+15005550199"))["matchedEntry"]));
        var withheld = await ScreenAsync(cluster[0], tenant, null);
        Assert.Equal(("voicemail", "withheld"), ((string?)withheld["admission"], (string?)withheld["reason"]));
        Assert.Equal("voicemail", (string?)(await ScreenAsync(cluster[0], tenant, "anonymous"))["admission"]);
        Assert.Equal(("allow", "listed"), ((string?)(await ScreenAsync(cluster[0], tenant, "+15005550198"))["admission"],
            (string?)(await ScreenAsync(cluster[0], tenant, "+15005550198"))["reason"]));

        // Another tenant's list is its own.
        Assert.Equal("allow", (string?)(await ScreenAsync(cluster[0], other, "+19005550123"))["admission"]);

        // Changing another member keeps the list (merge patch), and null restores the defaults.
        var (_, renamed) = await PatchAsync(cluster[0], tenant, """{ "businessName": "Harbor Dental & Implants" }""");
        Assert.Equal(2, renamed["screening"]!["blocked"]!.AsArray().Count);
        var (_, cleared) = await PatchAsync(cluster[0], tenant, """{ "screening": null }""");
        Assert.Empty(cleared["screening"]!["blocked"]!.AsArray());
        Assert.Equal("allow", (string?)(await ScreenAsync(cluster[1], tenant, "+19005550123"))["admission"]);
    }

    [Fact]
    public async Task Bad_caller_settings_are_refused_at_their_field_and_change_nothing()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callersettingsbad", silos: 1);
        var tenant = $"screen-{Guid.NewGuid():N}";
        var saved = await cluster[0].PutSettingsOkAsync(tenant, new { businessName = "Harbor Dental" });

        var (status, problem) = await PatchAsync(cluster[0], tenant, $$"""
            { "screening": { "blocked": ["+15005550199", "5005550199", "+*", "+15005550199", "+1 900*"], "anonymousCallers": "hangup" },
              "missedCallTextBack": { "enabled": true, "message": " ", "repeatWindowHours": 0 },
              "notices": { "recording": { "enabled": true, "message": "{{new string('x', 501)}}" }, "aiDisclosure": { "enabled": true, "message": "Hi\u0007" } } }
            """);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem["errors"]!.AsObject();
        Assert.Equal(
            ["missedCallTextBack.message", "missedCallTextBack.repeatWindowHours", "notices.aiDisclosure.message", "notices.recording.message",
                "screening.anonymousCallers", "screening.blocked[1]", "screening.blocked[2]", "screening.blocked[3]", "screening.blocked[4]"],
            errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("appears twice", (string?)errors["screening.blocked[3]"]![0], StringComparison.Ordinal);
        Assert.Contains("allow, reject, voicemail", (string?)errors["screening.anonymousCallers"]![0], StringComparison.Ordinal);

        using var tooMany = await cluster[0].PutSettingsAsync(tenant, new
        {
            screening = new { blocked = Enumerable.Range(0, 501).Select(i => $"+1500555{i:0000}").ToArray() },
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("At most 500", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal((int)saved["version"]!, (int)(await cluster[0].GetSettingsAsync(tenant))["version"]!);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/tenant/caller-screening?from={new string('1', 300)}")
            .Authorized(TestTokens.For(tenant, Permissions.SettingsRead));
        using var longFrom = await cluster[0].Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, longFrom.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_caller_settings_and_the_screening_route()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "callersettingsdocs", silos: 1);
        var document = JsonNode.Parse(await cluster[0].Client.GetStringAsync("/openapi/v1.json"))!;
        var put = document["paths"]!["/api/tenant/settings"]!["put"]!["requestBody"]!["content"]!["application/json"]!;
        Assert.Equal("voicemail", (string?)put["example"]!["screening"]!["anonymousCallers"]);
        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.True(schemas.ContainsKey("CallerScreeningRequest"), string.Join(", ", schemas.Select(s => s.Key)));
        Assert.True(schemas.ContainsKey("MissedCallTextBackRequest"));
        Assert.True(schemas.ContainsKey("CallNoticesRequest"));
        Assert.NotNull(document["paths"]!["/api/tenant/caller-screening"]!["get"]);
    }

    private static async Task<JsonObject> ScreenAsync(TestSilo silo, string tenant, string? from)
    {
        var path = from is null ? "/api/tenant/caller-screening" : $"/api/tenant/caller-screening?from={Uri.EscapeDataString(from)}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path).Authorized(TestTokens.For(tenant, Permissions.SettingsRead));
        using var response = await silo.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"screening answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PatchAsync(TestSilo silo, string tenant, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/tenant/settings")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/merge-patch+json"),
        }.Authorized(TestTokens.For(tenant, Permissions.SettingsRead, Permissions.SettingsWrite));
        using var response = await silo.Client.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }
}
