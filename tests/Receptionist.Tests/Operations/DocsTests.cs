using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Receptionist.Api.Auth;
using Receptionist.Tests.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Operations;

/// <summary>The files in docs/ that people set up with stay true to the running service.</summary>
public sealed class DocsTests(PlainSiloFixture fixture) : IClassFixture<PlainSiloFixture>
{
    private static readonly string Docs = Path.Combine(RepositoryPaths.Root, "docs");

    [Fact]
    public async Task The_sample_tenant_settings_file_is_accepted_by_a_real_silo_and_read_back()
    {
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Docs, "tenant-settings.sample.json")))!.AsObject();

        using var request = new HttpRequestMessage(HttpMethod.Put, "/api/tenant/settings") { Content = JsonContent.Create(sample) }
            .Authorized(TestTokens.For("docs-tenant", Permissions.SettingsWrite));
        using var response = await fixture.Silo.Client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"PUT the sample answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var stored = await fixture.Silo.GetSettingsAsync("docs-tenant");
        Assert.Equal((string?)sample["businessName"], (string?)stored["businessName"]);
    }

    [Fact]
    public void The_http_file_has_a_request_for_every_route_the_service_maps()
    {
        var http = File.ReadAllText(Path.Combine(Docs, "receptionist.http"));
        var requests = Regex.Matches(http, @"^(GET|POST|PUT|PATCH|DELETE) \{\{baseUrl\}\}(\S+?)(?: HTTP/1\.1)?\s*$", RegexOptions.Multiline)
            .Select(m => (Method: m.Groups[1].Value, Path: m.Groups[2].Value.Split('?')[0]))
            .ToList();

        var missing = RouteAudit.Endpoints(fixture.Silo.Services)
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/", StringComparison.Ordinal) || raw.StartsWith("/health/", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!)))
            .Where(route => !requests.Any(r => r.Method == route.Method && Matches(route.Pattern, r.Path)))
            .Select(route => $"{route.Method} {route.Pattern}")
            .ToList();

        Assert.True(missing.Count == 0, "routes with no request in docs/receptionist.http:\n" + string.Join("\n", missing));
    }

    private static bool Matches(string pattern, string path) =>
        Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(pattern.TrimEnd('/')), @"\\\{[^}]*\}", "[^/]+") + "/?$");
}
