using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Receptionist.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Receptionist.Tests.WebConsole;

/// <summary>Signing in to the console at the OIDC authority (authorization code + PKCE) when one is configured.</summary>
public sealed class ConsoleOidcTests : IAsyncLifetime
{
    private readonly string tenant = $"oidc-{Guid.NewGuid():N}";
    private TinyOidcProvider? provider;
    private TestSilo? silo;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task InitializeAsync()
    {
        provider = await TinyOidcProvider.StartAsync(tenant);
        silo = await TestSilo.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:JwtSecret"] = "",
            ["Auth:Authority"] = provider.Issuer,
            ["Auth:Audience"] = TinyOidcProvider.Audience,
            ["Auth:ConsoleClientId"] = TinyOidcProvider.ClientId,
        });
        playwright = await Playwright.CreateAsync();
        browser = await ConsoleBrowser.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (silo is not null)
        {
            await silo.DisposeAsync();
        }

        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task Staff_sign_in_at_the_authority_with_a_pkce_code_and_the_token_it_issues_opens_the_console()
    {
        var config = JsonNode.Parse(await silo!.Client.GetStringAsync("/console/config.json"))!;
        Assert.Equal((provider!.Issuer, TinyOidcProvider.ClientId), ((string?)config["oidc"]!["authority"], (string?)config["oidc"]!["clientId"]));

        await browser!.RunAsync(silo, null, async page =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = $"Sign in with {new Uri(provider.Issuer).Authority}" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live board" })).ToBeVisibleAsync();
            await Expect(page.Locator("#tenant")).ToHaveTextAsync(tenant);

            // The token the provider issued for the verified code is the one the page uses; the code left the address.
            Assert.Empty(provider.Refused);
            Assert.Equal(provider.Issued.Single(), await page.EvaluateAsync<string?>("() => sessionStorage.getItem('receptionist.token')"));
            Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal);

            // A callback this page did not start (another state) is refused with the reason, and nothing is signed in.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await page.GotoAsync("/console/?code=stolen&state=guessed");
            await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("not started from this page");
            Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('receptionist.token')"));
            Assert.Single(provider.Issued);
        });
    }

    [Fact]
    public async Task The_console_lets_the_page_reach_only_the_authoritys_origin_besides_its_own()
    {
        using var response = await silo!.Client.GetAsync(new Uri("/console/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains($"connect-src 'self' {provider!.Issuer};", policy, StringComparison.Ordinal);
    }
}
