using Microsoft.Playwright;
using Receptionist.Tests.Outbound;
using static Microsoft.Playwright.Assertions;

namespace Receptionist.Tests.WebConsole;

/// <summary>The set-up page saving with merge patches, and the caller settings of issue 17 edited in it.</summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task Two_people_saving_different_settings_both_keep_theirs_and_a_clash_on_one_setting_is_shown_before_it_is_overwritten()
    {
        var silo = await console.SiloAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        await ConsoleScenes.NameBusinessAsync(silo, tenant, "Harbor Dental");
        var token = ConsoleScenes.OwnerToken(tenant);

        await console.Browser.RunAsync(silo, token, async first =>
        {
            var second = await first.Context.NewPageAsync();
            await second.GotoAsync("/console/");
            await second.SignInAsync(token);
            await first.GotoAsync("/console/#/setup");
            await second.GotoAsync("/console/#/setup");
            await Expect(first.GetByLabel("Business name")).ToHaveValueAsync("Harbor Dental");
            await Expect(second.GetByLabel("Business name")).ToHaveValueAsync("Harbor Dental");

            // Each changes a different setting on a page opened before the other saved.
            await first.GetByLabel("Business name").FillAsync("Harbor Dental & Implants");
            await first.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Expect(first.Locator("#toast")).ToHaveTextAsync("Settings saved.");
            await second.GetByLabel("Default reply").FillAsync("Thanks, we will text you back.");
            await second.GetByLabel("Blocked numbers").FillAsync("+15005550199\n+1900*");
            await second.GetByLabel("Callers who withhold their number").SelectOptionAsync("voicemail");
            await second.GetByLabel("Text callers we missed").CheckAsync();
            await second.GetByLabel("Text to send").FillAsync("Sorry we missed you! Reply here.");
            await second.GetByLabel("Tell callers before recording").CheckAsync();
            await second.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Expect(second.Locator("#toast")).ToHaveTextAsync("Settings saved.");

            var saved = await SettingsAsync(silo, tenant);
            Assert.Equal("Harbor Dental & Implants", (string?)saved["businessName"]);
            Assert.Equal("Thanks, we will text you back.", (string?)saved["sms"]!["defaultReply"]);
            Assert.Equal(["+15005550199", "+1900*"], saved["screening"]!["blocked"]!.AsArray().Select(b => (string?)b));
            Assert.Equal("voicemail", (string?)saved["screening"]!["anonymousCallers"]);
            Assert.True((bool)saved["missedCallTextBack"]!["enabled"]!);
            Assert.Equal("Sorry we missed you! Reply here.", (string?)saved["missedCallTextBack"]!["message"]);
            Assert.True((bool)saved["notices"]!["recording"]!["enabled"]!);
            Assert.Equal(24, (int)saved["missedCallTextBack"]!["repeatWindowHours"]!);

            // The first page still shows the reply as it was: changing it too is a clash, shown, and nothing is sent.
            await first.GetByLabel("Default reply").FillAsync("We are closed today.");
            await first.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            var conflict = first.Locator(".error-summary[data-kind=conflict]");
            await Expect(conflict).ToContainTextAsync("Default reply: now “Thanks, we will text you back.”");
            Assert.Equal("Thanks, we will text you back.", (string?)(await SettingsAsync(silo, tenant))["sms"]!["defaultReply"]);
            await conflict.GetByRole(AriaRole.Button, new() { Name = "Save mine anyway" }).ClickAsync();
            await Expect(first.Locator("#toast")).ToHaveTextAsync("Settings saved.");
            var overwritten = await SettingsAsync(silo, tenant);
            Assert.Equal("We are closed today.", (string?)overwritten["sms"]!["defaultReply"]);
            Assert.Equal(2, overwritten["screening"]!["blocked"]!.AsArray().Count);
            await Expect(first.GetByLabel("Blocked numbers")).ToHaveValueAsync("+15005550199\n+1900*");

            // The decision for a caller, read back from the tenant, and a bad entry refused at its line.
            await second.GetByLabel("Check a number against the saved settings").FillAsync("+19005550123");
            await second.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
            await Expect(second.Locator("output[data-admission=reject]")).ToContainTextAsync("blocked by +1900*");
            await second.GetByLabel("Blocked numbers").FillAsync("+15005550199\n5005550100");
            await second.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Expect(second.GetByLabel("Blocked numbers")).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(second.Locator(".field:has(textarea[data-field='screening.blocked']) .field-error")).ToContainTextAsync("Line 2:");
            Assert.Equal((int)overwritten["version"]!, (int)(await SettingsAsync(silo, tenant))["version"]!);
        });
    }
}
