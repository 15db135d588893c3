using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Receptionist.Api;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Auth;

/// <summary>
/// Issue 3.1, OIDC path: a local authority on 127.0.0.1 serves a discovery document and a JWKS with an RSA key
/// generated here; the silo (no shared secret) validates tokens against it.
/// </summary>
public sealed class OidcAuthorityTests : IAsyncLifetime
{
    private const string Audience = "receptionist-api";
    private readonly RSA signingKey = RSA.Create(2048);
    private readonly string keyId = Guid.NewGuid().ToString("N");
    private WebApplication? authority;
    private string issuer = "";
    private TestSilo? silo;

    public async Task InitializeAsync()
    {
        var port = PostgresServer.FreeTcpPort();
        issuer = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer);
        authority = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(signingKey.ExportParameters(false)) { KeyId = keyId });
        authority.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = $"{issuer}/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        authority.MapGet("/jwks", () => Results.Json(new
        {
            keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } },
        }));
        await authority.StartAsync();

        silo = await TestSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:JwtSecret"] = "",
            ["Auth:Authority"] = issuer,
            ["Auth:Audience"] = Audience,
        });
    }

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }

        if (authority is not null)
        {
            await authority.DisposeAsync();
        }

        signingKey.Dispose();
    }

    [Fact]
    public async Task A_token_signed_by_the_authoritys_key_is_accepted()
    {
        using var response = await silo!.Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", Sign(signingKey, keyId, issuer, Audience));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Tokens_from_another_key_issuer_or_audience_or_a_shared_secret_are_401()
    {
        using var otherKey = RSA.Create(2048);
        var cases = new Dictionary<string, string>
        {
            ["invalid_signature"] = Sign(otherKey, keyId, issuer, Audience),
            ["invalid_issuer"] = Sign(signingKey, keyId, "http://127.0.0.1:1/evil", Audience),
            ["invalid_audience"] = Sign(signingKey, keyId, issuer, "another-api"),
            ["hs256"] = AuthTokens.Custom(new Dictionary<string, object> { ["tenant_id"] = "oidc", ["role"] = "owner" }, issuer: issuer, audience: Audience),
        };

        foreach (var (reason, token) in cases)
        {
            using var response = await silo!.Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", token);
            var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, ApiProblems.Unauthorized);
            if (reason != "hs256")
            {
                Assert.Equal(reason, problem.GetProperty("reason").GetString());
            }
        }
    }

    private static string Sign(RSA key, string kid, string issuer, string audience) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["sub"] = "oidc-user",
                [ReceptionistClaims.TenantId] = "oidc-tenant",
                [ReceptionistClaims.Permissions] = new[] { Permissions.SettingsRead },
            },
            Issuer = issuer,
            Audience = audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.RsaSha256),
        });
}
