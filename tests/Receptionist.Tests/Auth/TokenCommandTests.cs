using System.Net;
using System.Net.Http.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Auth;

/// <summary>Issue 3.4: the <c>token</c> command of the real executable prints a token the service accepts.</summary>
public sealed class TokenCommandTests(AuthSiloFixture silo) : IClassFixture<AuthSiloFixture>
{
    private static readonly string[] Configuration =
    [
        $"--Auth:JwtSecret={SiloProcess.JwtSecret}", $"--Auth:Issuer={AuthTokens.Issuer}", $"--Auth:Audience={AuthTokens.Audience}",
    ];

    [Fact]
    public async Task A_printed_token_grants_its_permissions_for_its_tenant_and_lifetime()
    {
        var (exitCode, output, error) = await SiloProcess.RunCommandAsync(
            ["token", "--tenant", "cli-tenant", "--permissions", "settings:read,settings:write", "--ttl", "2h", .. Configuration]);
        Assert.True(exitCode == 0, error);
        var token = output.Trim();

        var jwt = new JsonWebToken(token);
        Assert.Equal("cli-tenant", jwt.GetClaim("tenant_id").Value);
        Assert.InRange(jwt.ValidTo - DateTime.UtcNow, TimeSpan.FromMinutes(119), TimeSpan.FromMinutes(121));

        using var put = await silo.Client.SendAsync(HttpMethod.Put, "/api/tenant/settings", token, JsonContent.Create(new { businessName = "CLI Co" }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var notGranted = await silo.Client.SendAsync(HttpMethod.Get, TestRoutes.Boom, token);
        Assert.Equal(HttpStatusCode.Forbidden, notGranted.StatusCode);
    }

    [Fact]
    public async Task A_role_token_gets_the_roles_permissions_only()
    {
        var (exitCode, output, error) = await SiloProcess.RunCommandAsync(["token", "--tenant", "cli-viewer", "--role", "viewer", .. Configuration]);
        Assert.True(exitCode == 0, error);
        var token = output.Trim();

        Assert.Equal(HttpStatusCode.OK, (await silo.Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await silo.Client.SendAsync(HttpMethod.Put, "/api/tenant/settings", token, JsonContent.Create(new { businessName = "x" }))).StatusCode);
    }

    [Theory]
    [InlineData("unknown permission", "token", "--tenant", "t", "--permissions", "calls:delete")]
    [InlineData("unknown role", "token", "--tenant", "t", "--role", "superuser")]
    [InlineData("--tenant", "token", "--permissions", "calls:read")]
    [InlineData("--permissions a,b or --role r", "token", "--tenant", "t")]
    [InlineData("--ttl", "token", "--tenant", "t", "--role", "owner", "--ttl", "soon")]
    public async Task Bad_arguments_exit_2_with_a_message_and_print_no_token(string message, params string[] arguments)
    {
        var (exitCode, output, error) = await SiloProcess.RunCommandAsync([.. arguments, .. Configuration]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public async Task Without_a_secret_the_command_refuses()
    {
        var (exitCode, _, error) = await SiloProcess.RunCommandAsync("token", "--tenant", "t", "--role", "owner");
        Assert.Equal(2, exitCode);
        Assert.Contains("Auth:JwtSecret", error, StringComparison.Ordinal);
    }
}
