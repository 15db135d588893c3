using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Receptionist.Api.Auth;

namespace Receptionist.Tests.Auth;

/// <summary>Issue 3.7: the generated OpenAPI document lists every private route with its permission and shapes.</summary>
public sealed class OpenApiTests(PlainSiloFixture plain) : IClassFixture<PlainSiloFixture>
{
    [Fact]
    public async Task The_document_lists_every_private_route_with_its_permission_and_the_bearer_requirement()
    {
        using var response = await plain.Silo.Client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.Equal("http", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("type").GetString());

        var privateRoutes = RouteAudit.Endpoints(plain.Silo.Services)
            .Where(e => e.Metadata.GetMetadata<RequiredPermission>() is not null).ToArray();
        Assert.NotEmpty(privateRoutes);
        foreach (var endpoint in privateRoutes)
        {
            var permission = endpoint.Metadata.GetMetadata<RequiredPermission>()!.Permission;
            var operation = FindOperation(root, endpoint);
            Assert.Equal(permission, operation.GetProperty("x-permission").GetString());
            Assert.Contains($"`{permission}`", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.True(operation.GetProperty("security")[0].TryGetProperty("Bearer", out _), operation.GetRawText());
            Assert.True(operation.GetProperty("responses").TryGetProperty("403", out _));
        }
    }

    [Fact]
    public async Task The_document_carries_request_and_response_shapes_from_the_code()
    {
        using var document = JsonDocument.Parse(await plain.Silo.Client.GetStringAsync("/openapi/v1.json"));
        var text = document.RootElement.GetRawText();
        var put = document.RootElement.GetProperty("paths").EnumerateObject().Single(p => p.Name.TrimEnd('/') == "/api/tenant/settings").Value.GetProperty("put");

        var requestSchema = put.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
        Assert.EndsWith("TenantSettingsRequest", requestSchema, StringComparison.Ordinal);
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.GetProperty("TenantSettingsRequest").GetProperty("properties").TryGetProperty("businessName", out _), text);
        Assert.True(put.GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(put.GetProperty("responses").TryGetProperty("400", out _));
    }

    [Fact]
    public async Task The_interactive_ui_is_served_anonymously_at_api_docs()
    {
        using var response = await plain.Silo.Client.GetAsync("/api-docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);

        // Scalar resolves the source against the site root, so this names /openapi/v1.json.
        Assert.Contains("\"url\":\"openapi/v1.json\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var script = await plain.Silo.Client.GetAsync("/api-docs/scalar.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    private static JsonElement FindOperation(JsonElement root, RouteEndpoint endpoint)
    {
        var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
        var method = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant();
        var item = root.GetProperty("paths").EnumerateObject().SingleOrDefault(p => "/" + p.Name.Trim('/') == path);
        Assert.True(item.Value.ValueKind == JsonValueKind.Object, $"{path} is not in the OpenAPI document");
        Assert.True(item.Value.TryGetProperty(method, out var operation), $"{method} {path} is not in the OpenAPI document");
        return operation;
    }
}
