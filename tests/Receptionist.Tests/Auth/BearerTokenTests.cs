using System.Net;
using Microsoft.IdentityModel.Tokens;
using Receptionist.Api;
using Receptionist.Api.Auth;

namespace Receptionist.Tests.Auth;

/// <summary>Issue 3.1: which tokens are accepted, and a 401 problem that says why one was not.</summary>
public sealed class BearerTokenTests(AuthSiloFixture silo) : IClassFixture<AuthSiloFixture>
{
    private const string Settings = "/api/tenant/settings";

    [Fact]
    public async Task A_valid_token_is_accepted()
    {
        using var response = await silo.Client.SendAsync(HttpMethod.Get, Settings, AuthTokens.For("acme", Permissions.SettingsRead));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string> BadTokens()
    {
        var claims = new Dictionary<string, object> { ["sub"] = "u1", ["tenant_id"] = "acme", ["role"] = "owner" };
        return new TheoryData<string, string>
        {
            { "missing_token", "" },
            { "unsigned_token", AuthTokens.AlgNone("acme") },
            { "invalid_signature", AuthTokens.Custom(claims, secret: AuthTokens.RandomSecret()) },
            { "token_expired", AuthTokens.Custom(claims, expires: DateTime.UtcNow.AddMinutes(-5)) },
            { "missing_tenant", AuthTokens.Custom(new Dictionary<string, object> { ["sub"] = "u1", ["role"] = "owner" }) },
            { "invalid_issuer", AuthTokens.Custom(claims, issuer: "https://evil.example/auth/v1") },
            { "invalid_audience", AuthTokens.Custom(claims, audience: "someone-else") },
            { "invalid_algorithm", AuthTokens.Custom(claims, algorithm: SecurityAlgorithms.HmacSha384) },
            { "malformed_token", "not-a-jwt" },
        };
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_gets_401_problem_saying_which(string reason, string token)
    {
        using var response = await silo.Client.SendAsync(HttpMethod.Get, Settings, token.Length == 0 ? null : token);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ApiProblems.Unauthorized);
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_token_changes_nothing()
    {
        using var put = await silo.Client.SendAsync(HttpMethod.Put, Settings, AuthTokens.AlgNone("unsigned-co"),
            System.Net.Http.Json.JsonContent.Create(new { businessName = "Forged" }));
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);

        using var get = await silo.Client.SendAsync(HttpMethod.Get, Settings, AuthTokens.For("unsigned-co", Permissions.SettingsRead));
        Assert.DoesNotContain("Forged", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
