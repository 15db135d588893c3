using System.Net;
using System.Net.Http.Json;
using Receptionist.Api;
using Receptionist.Api.Auth;

namespace Receptionist.Tests.Auth;

/// <summary>Issue 3.2: permissions from a claim (array or space-separated) or a role; a missing one is 403.</summary>
public sealed class PermissionTests(AuthSiloFixture silo) : IClassFixture<AuthSiloFixture>
{
    private const string Settings = "/api/tenant/settings";

    [Fact]
    public async Task A_token_without_the_routes_permission_gets_403_naming_it()
    {
        using var response = await silo.Client.SendAsync(HttpMethod.Put, Settings, AuthTokens.For("acme", Permissions.SettingsRead),
            JsonContent.Create(new { businessName = "Acme" }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden, ApiProblems.Forbidden);
        Assert.Contains(Permissions.SettingsWrite, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Permissions_as_a_space_separated_string_are_granted()
    {
        var token = AuthTokens.Custom(new Dictionary<string, object>
        {
            ["sub"] = "u1", ["tenant_id"] = "spaced", ["permissions"] = "settings:read settings:write",
        });

        using var put = await silo.Client.SendAsync(HttpMethod.Put, Settings, token, JsonContent.Create(new { businessName = "Spaced" }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var get = await silo.Client.SendAsync(HttpMethod.Get, Settings, token);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task Permissions_as_a_json_array_grant_only_what_they_list()
    {
        var token = AuthTokens.Custom(new Dictionary<string, object>
        {
            ["sub"] = "u1", ["tenant_id"] = "arrayed", ["permissions"] = new[] { "settings:read", "calls:read" },
        });

        Assert.Equal(HttpStatusCode.OK, (await silo.Client.SendAsync(HttpMethod.Get, Settings, token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await silo.Client.SendAsync(HttpMethod.Put, Settings, token, JsonContent.Create(new { }))).StatusCode);
    }

    [Theory]
    [InlineData("owner", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData("agent", HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("viewer", HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    [InlineData("stranger", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    public async Task A_role_claim_grants_the_permissions_of_the_role_table(string role, HttpStatusCode read, HttpStatusCode write, HttpStatusCode system)
    {
        var token = AuthTokens.WithRole($"role-{role}", role);

        Assert.Equal(read, (await silo.Client.SendAsync(HttpMethod.Get, Settings, token)).StatusCode);
        Assert.Equal(write, (await silo.Client.SendAsync(HttpMethod.Put, Settings, token, JsonContent.Create(new { businessName = role }))).StatusCode);

        // system:read only for owners; the route throws on purpose, so a granted request answers 500.
        var boom = await silo.Client.SendAsync(HttpMethod.Get, TestRoutes.Boom, token);
        Assert.Equal(system, boom.StatusCode == HttpStatusCode.InternalServerError ? HttpStatusCode.OK : boom.StatusCode);
    }

    [Fact]
    public async Task A_route_that_declares_no_permission_is_closed_not_open()
    {
        using var anonymous = await silo.Client.SendAsync(HttpMethod.Get, TestRoutes.Forgotten);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, ApiProblems.Unauthorized);

        using var owner = await silo.Client.SendAsync(HttpMethod.Get, TestRoutes.Forgotten, AuthTokens.WithRole("acme", "owner"));
        await owner.AssertProblemAsync(HttpStatusCode.Forbidden, ApiProblems.Forbidden);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem_for_everyone()
    {
        using var anonymous = await silo.Client.SendAsync(HttpMethod.Get, "/api/no/such/route");
        await anonymous.AssertProblemAsync(HttpStatusCode.NotFound, ApiProblems.NotFound);
        using var owner = await silo.Client.SendAsync(HttpMethod.Get, "/api/no/such/route", AuthTokens.WithRole("acme", "owner"));
        await owner.AssertProblemAsync(HttpStatusCode.NotFound, ApiProblems.NotFound);
    }
}
