using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Ivr;

namespace Receptionist.Tests.Tenancy;

/// <summary>PATCH changes only what it names (JSON merge patch); PUT replaces everything; both are documented.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SettingsPatchTests(PostgresFixture postgres)
{
    private const string Tenant = "patched";
    private const string TenantNumber = "+15005550177";

    [Fact]
    public async Task A_merge_patch_changes_only_the_members_it_names_and_null_removes_one()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "settingspatch", silos: 2);
        var put = await cluster[0].PutSettingsOkAsync(Tenant, new
        {
            businessName = "Bright Smile Dental",
            timeZone = "America/New_York",
            businessHours = Flows.AlwaysOpen,
            sms = new { defaultReply = "Thanks!", afterHoursReply = "Closed." },
            callFlow = ((dynamic)Flows.Clinic(TenantNumber)).callFlow,
        });

        var (status, patched) = await PatchAsync(cluster[1], """
            { "callFlow": { "greeting": "Happy holidays." }, "businessHours": { "holidays": ["2026-12-25"] }, "sms": { "afterHoursReply": null } }
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((int)put["version"]! + 1, (int)patched["version"]!);
        Assert.Equal("Happy holidays.", (string?)patched["callFlow"]!["greeting"]);
        Assert.Equal(4, patched["callFlow"]!["options"]!.AsArray().Count);
        Assert.Equal("forward", (string?)patched["callFlow"]!["options"]![0]!["action"]!["kind"]);
        Assert.Equal(["2026-12-25"], patched["businessHours"]!["holidays"]!.AsArray().Select(d => (string)d!));
        Assert.Equal(7, patched["businessHours"]!["week"]!.AsArray().Count);
        Assert.Equal(("Thanks!", null), ((string?)patched["sms"]!["defaultReply"], (string?)patched["sms"]!["afterHoursReply"]));
        Assert.Equal("Bright Smile Dental", (string?)patched["businessName"]);
        Assert.Equal(patched.ToJsonString(), (await cluster[0].GetSettingsAsync(Tenant)).ToJsonString());

        // A patch whose result is invalid is refused field by field, and nothing changes.
        var (refused, problem) = await PatchAsync(cluster[0], """{ "callFlow": { "options": [ { "digit": "12" } ] }, "timeZone": "Mars/Olympus" }""");
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("callFlow.options[0].digit"), problem.ToJsonString());
        Assert.True(problem["errors"]!.AsObject().ContainsKey("timeZone"), problem.ToJsonString());
        Assert.Equal((int)patched["version"]!, (int)(await cluster[0].GetSettingsAsync(Tenant))["version"]!);

        // PUT stays a full replacement: without callFlow, the flow is gone.
        var replaced = await cluster[0].PutSettingsOkAsync(Tenant, new { businessName = "Bright Smile Dental" });
        Assert.Null(replaced["callFlow"]);
    }

    [Fact]
    public async Task A_patch_must_be_a_merge_patch_object()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "settingspatchbad", silos: 1);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PatchAsync(cluster[0], """{ "businessName": "x" }""", "application/json")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PatchAsync(cluster[0], "[1, 2]")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PatchAsync(cluster[0], "{ \"businessName\": ")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await PatchAsync(cluster[0], """{ "businessName": 42 }""")).Status);
    }

    [Fact]
    public async Task The_openapi_document_describes_put_and_patch_with_examples()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "settingsdocs", silos: 1);
        var document = JsonNode.Parse(await cluster[0].Client.GetStringAsync("/openapi/v1.json"))!;
        var path = document["paths"]!["/api/tenant/settings"]!;
        var put = path["put"]!["requestBody"]!["content"]!["application/json"]!;
        Assert.Equal("Bright Smile Dental", (string?)put["example"]!["businessName"]);
        var patch = path["patch"]!["requestBody"]!["content"]!["application/merge-patch+json"]!;
        Assert.Equal("Happy holidays from Bright Smile Dental.", (string?)patch["example"]!["callFlow"]!["greeting"]);
        Assert.Contains("RFC 7396", (string?)path["patch"]!["description"], StringComparison.Ordinal);
        Assert.Contains("Full replacement", (string?)path["put"]!["description"], StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PatchAsync(TestSilo silo, string body, string contentType = "application/merge-patch+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/api/tenant/settings") { Content = new StringContent(body, Encoding.UTF8, contentType) }
            .Authorized(TestTokens.For(Tenant, Permissions.SettingsWrite));
        using var response = await silo.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? []);
    }
}
