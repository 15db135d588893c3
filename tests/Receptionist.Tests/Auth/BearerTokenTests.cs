using System.Net;
using System.Text;
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

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_has_expired()
    {
        var handler = new RememberingTokenHandler { MapInboundClaims = false };
        var secret = AuthTokens.RandomSecret();
        var parameters = Parameters(secret, clockSkew: TimeSpan.Zero);
        var expires = DateTime.UtcNow.AddSeconds(2);
        var token = AuthTokens.Custom(Claims("acme"), secret, expires: expires);

        var first = await handler.ValidateTokenAsync(token, parameters);
        var again = await handler.ValidateTokenAsync(token, parameters);
        Assert.True(first.IsValid && again.IsValid);
        Assert.Same(first.SecurityToken, again.SecurityToken);
        Assert.Equal("acme", (await handler.RecallAsync(token, parameters))?.FindFirst(ReceptionistClaims.TenantId)?.Value);

        while (DateTime.UtcNow <= expires)
        {
            await Task.Delay(50);
        }

        // The request path's recall serves it no more (the bearer middleware then validates it in full, which refuses it).
        Assert.Null(await handler.RecallAsync(token, parameters));
        var late = await handler.ValidateTokenAsync(token, parameters);
        Assert.False(late.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(late.Exception);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_its_signing_key_is_no_longer_configured()
    {
        var handler = new RememberingTokenHandler { MapInboundClaims = false };
        var retired = AuthTokens.RandomSecret();
        var token = AuthTokens.Custom(Claims("acme"), retired);
        Assert.True((await handler.ValidateTokenAsync(token, Parameters(retired))).IsValid);

        var current = Parameters(AuthTokens.RandomSecret());
        Assert.Null(await handler.RecallAsync(token, current));
        var rotated = await handler.ValidateTokenAsync(token, current);
        Assert.False(rotated.IsValid);
        Assert.IsAssignableFrom<SecurityTokenInvalidSignatureException>(rotated.Exception);
    }

    [Fact]
    public async Task A_remembered_token_gives_each_request_its_own_identity_with_only_its_own_claims()
    {
        var handler = new RememberingTokenHandler { MapInboundClaims = false };
        var secret = AuthTokens.RandomSecret();
        var parameters = Parameters(secret);
        var alice = AuthTokens.Custom(Claims("tenant-a"), secret);
        var bob = AuthTokens.Custom(Claims("tenant-b"), secret);

        var first = await handler.ValidateTokenAsync(alice, parameters);
        first.ClaimsIdentity.AddClaim(new System.Security.Claims.Claim(ReceptionistClaims.TenantId, "tenant-b"));
        await handler.ValidateTokenAsync(bob, parameters);
        var again = await handler.ValidateTokenAsync(alice, parameters);

        Assert.NotSame(first.ClaimsIdentity, again.ClaimsIdentity);
        Assert.Equal(["tenant-a"], again.ClaimsIdentity.FindAll(ReceptionistClaims.TenantId).Select(c => c.Value));
        var recalled = await handler.RecallAsync(alice, parameters);
        Assert.NotSame(again.ClaimsIdentity, recalled);
        Assert.Equal(["tenant-a"], recalled!.FindAll(ReceptionistClaims.TenantId).Select(c => c.Value));
        Assert.Null(await handler.RecallAsync(AuthTokens.Custom(Claims("tenant-c"), secret), parameters));
    }

    private static Dictionary<string, object> Claims(string tenant) => new() { ["sub"] = "u1", ["tenant_id"] = tenant, ["role"] = "owner" };

    /// <summary>What the silo checks (issuer, audience, HS256 with the secret, expiry) for the handler on its own.</summary>
    private static TokenValidationParameters Parameters(string secret, TimeSpan? clockSkew = null) => new()
    {
        ValidIssuer = AuthTokens.Issuer,
        ValidAudience = AuthTokens.Audience,
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        ClockSkew = clockSkew ?? TimeSpan.FromSeconds(30),
    };
}
