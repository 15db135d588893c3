using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.WebConsole;

/// <summary>
/// Headless Chromium from the system package (<c>apt-get install chromium</c>), driven by Playwright without its own
/// browser download, and one console page per test: signed in, its console errors collected, a screenshot kept when
/// the test fails.
/// </summary>
public static class ConsoleBrowser
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly ViewportSize Desktop = new() { Width = 1360, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>Where failure screenshots (and, unless asked for docs/, the README's) are written.</summary>
    public static string ArtifactsDirectory { get; } = Path.Combine(RepositoryPaths.Root, "TestResults", "console");

    /// <summary>Fails (never skips) when Chromium cannot start: browser tests must not pass without a browser.</summary>
    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        try
        {
            return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                // Tests run as root in CI and sessions, where Chromium's sandbox cannot start.
                Args = ["--no-sandbox"],
            });
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"Chromium could not start from {ChromiumPath} ({e.Message}). Install it with 'apt-get install -y chromium'; " +
                "never with Playwright's own installer.", e);
        }
    }

    /// <summary>
    /// Opens the console on <paramref name="silo"/>, signs in with <paramref name="token"/> and runs
    /// <paramref name="test"/>; then asserts the page logged no error. On failure a screenshot is saved first.
    /// </summary>
    /// <param name="serverGoesAway">The test stops the server: the browser's own logs of dropped connections are expected.</param>
    public static async Task RunAsync(this IBrowser browser, TestSilo silo, string? token, Func<IPage, Task> test,
        ViewportSize? viewport = null, bool serverGoesAway = false, [CallerMemberName] string name = "")
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = $"http://127.0.0.1:{silo.HttpPort}",
            ViewportSize = viewport ?? Desktop,
            Locale = "en-US",
            TimezoneId = "UTC",
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // The browser also logs each 4xx the API answers; those are refusals the page shows to its user (a
            // test provokes them on purpose), not faults of the page.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource: the server responded with a status of 4", StringComparison.Ordinal)
                && !(serverGoesAway && message.Text.StartsWith("Failed to load resource: net::", StringComparison.Ordinal)))
            {
                errors.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Add($"page: {error}");

        try
        {
            await page.GotoAsync("/");
            if (token is not null)
            {
                await page.SignInAsync(token);
            }

            await test(page);
        }
        catch
        {
            Directory.CreateDirectory(ArtifactsDirectory);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, $"FAILED-{name}.png"), FullPage = true });
            throw;
        }

        Assert.True(errors.Count == 0, "The console logged errors:\n" + string.Join('\n', errors));
    }

    public static async Task SignInAsync(this IPage page, string token)
    {
        await page.GetByLabel("API token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// A picture for the README: under docs/ when RECEPTIONIST_DOCS_SCREENSHOTS=1 (taken once and committed), else
    /// with the test artifacts, so an ordinary run leaves the working tree clean.
    /// </summary>
    public static async Task SaveScreenshotAsync(this IPage page, string fileName, bool fullPage = false)
    {
        var directory = Environment.GetEnvironmentVariable("RECEPTIONIST_DOCS_SCREENSHOTS") == "1"
            ? Path.Combine(RepositoryPaths.Root, "docs")
            : ArtifactsDirectory;
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, fileName), FullPage = fullPage });
    }
}
