using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.WebConsole;

/// <summary>
/// An OpenID provider small enough to read, on 127.0.0.1: a discovery document, an authorization endpoint that signs
/// the user in at once and redirects back with a code, a token endpoint that checks the PKCE verifier (S256) before it
/// issues an RS256 access token for <see cref="TenantId"/>, and the JWKS to validate it. It answers cross-origin
/// requests, as a provider serving single-page apps does.
/// </summary>
public sealed class TinyOidcProvider : IAsyncDisposable
{
    public const string Audience = "receptionist-api";
    public const string ClientId = "receptionist-console";

    private readonly RSA key = RSA.Create(2048);
    private readonly string keyId = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, Grant> grants = new(StringComparer.Ordinal);
    private WebApplication? app;

    private TinyOidcProvider(string tenantId) => TenantId = tenantId;

    public string TenantId { get; }

    public string Issuer { get; private set; } = "";

    /// <summary>The access tokens issued, in order.</summary>
    public ConcurrentQueue<string> Issued { get; } = new();

    /// <summary>Token requests refused, with the OAuth error they got.</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    public static async Task<TinyOidcProvider> StartAsync(string tenantId)
    {
        var provider = new TinyOidcProvider(tenantId);
        var port = PostgresServer.FreeTcpPort();
        provider.Issuer = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(provider.Issuer);
        provider.app = builder.Build();
        provider.Map(provider.app);
        await provider.app.StartAsync();
        return provider;
    }

    private void Map(WebApplication web)
    {
        web.Use((context, next) =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*";
            return next(context);
        });
        web.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = $"{Issuer}/authorize",
            ["token_endpoint"] = $"{Issuer}/token",
            ["jwks_uri"] = $"{Issuer}/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        web.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.ExportParameters(false)) { KeyId = keyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        web.MapGet("/authorize", (HttpRequest request) =>
        {
            var q = request.Query;
            if (q["response_type"] != "code" || q["client_id"] != ClientId || q["code_challenge_method"] != "S256"
                || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["state"]) || !Uri.TryCreate(q["redirect_uri"], UriKind.Absolute, out var back))
            {
                return Results.BadRequest("invalid_request");
            }

            // The user is signed in at once: what is under test is the flow, not a login form.
            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            grants[code] = new Grant((string)q["code_challenge"]!, back.AbsoluteUri);
            return Results.Redirect(QueryHelpers.AddQueryString(back.AbsoluteUri, new Dictionary<string, string?> { ["code"] = code, ["state"] = q["state"] }));
        });
        web.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var code = (string?)form["code"] ?? "";
            var error = !grants.TryRemove(code, out var grant) ? "invalid_grant: unknown or used code"
                : form["grant_type"] != "authorization_code" ? "unsupported_grant_type"
                : form["client_id"] != ClientId ? "invalid_client"
                : form["redirect_uri"] != grant.RedirectUri ? "invalid_grant: redirect_uri differs"
                : Challenge((string?)form["code_verifier"] ?? "") != grant.Challenge ? "invalid_grant: PKCE verifier does not match"
                : null;
            if (error is not null)
            {
                Refused.Enqueue(error);
                return Results.Json(new { error = error.Split(':')[0], error_description = error }, statusCode: StatusCodes.Status400BadRequest);
            }

            var token = Sign();
            Issued.Enqueue(token);
            return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 600 });
        });
    }

    private static string Challenge(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private string Sign() => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = new Dictionary<string, object>
        {
            ["sub"] = "staff-member",
            [ReceptionistClaims.TenantId] = TenantId,
            [ReceptionistClaims.Role] = "owner",
        },
        Issuer = Issuer,
        Audience = Audience,
        Expires = DateTime.UtcNow.AddMinutes(10),
        SigningCredentials = new SigningCredentials(new RsaSecurityKey(key) { KeyId = keyId }, SecurityAlgorithms.RsaSha256),
    });

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        key.Dispose();
    }

    private sealed record Grant(string Challenge, string RedirectUri);
}
