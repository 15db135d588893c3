using Microsoft.Playwright;
using Receptionist.Tests.Events;
using Receptionist.Tests.Outbound;
using static Microsoft.Playwright.Assertions;

namespace Receptionist.Tests.WebConsole;

/// <summary>The events page: the tenant's webhook endpoints, their secrets and their deliveries, against a real receiver.</summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task An_endpoint_added_on_the_events_page_shows_its_secret_once_and_its_failing_then_delivered_event_which_a_replay_sends_again()
    {
        var silo = await console.SiloAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var number = await silo.GiveNumberAsync(console.Emulator, tenant);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Mode = ReceiverMode.Fail;

        await console.Browser.RunAsync(silo, ConsoleScenes.OwnerToken(tenant), async page =>
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Events" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Events", Exact = true })).ToBeVisibleAsync();
            await Expect(page.Locator("#endpoints-table")).ToContainTextAsync("No endpoints yet");

            // A refused endpoint says why at its field and adds nothing.
            await page.GetByLabel("URL").FillAsync($"{receiver.BaseUrl}/hooks");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
            await Expect(page.Locator("[data-error-for=eventTypes]")).ToContainTextAsync("At least one of");

            await page.GetByLabel("sms.received").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();
            var secret = await page.Locator("#endpoint-secret").TextContentAsync();
            Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
            await Expect(page.Locator("#endpoints-table tbody tr")).ToHaveCountAsync(1);
            var listed = await silo.OkAsync(tenant, HttpMethod.Get, WebhookTestClient.Path);
            var endpointId = (string)listed["endpoints"]![0]!["id"]!;
            Assert.DoesNotContain("whsec_", listed.ToJsonString(), StringComparison.Ordinal);

            // A text comes in: the receiver refuses it, and the page shows the delivery pending with its attempts.
            await Messaging.SmsTestClient.TextAsync(silo, $"SM{Guid.NewGuid():N}", TelephonyApi.NewNumber(), number, "Is the clinic open today?");
            await page.GetByRole(AriaRole.Button, new() { Name = "Deliveries" }).ClickAsync();
            var row = page.Locator("#deliveries-table tbody tr[data-delivery-id]");
            await Expect(row).ToHaveAttributeAsync("data-status", "pending");
            await Expect(row).ToContainTextAsync("HTTP 500");
            await Expect(row.Locator("td[data-label='Next try']")).Not.ToHaveTextAsync("—");
            Assert.True(int.Parse(await row.Locator("td[data-label=Attempts]").TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 1);

            // The receiver recovers: the next retry succeeds and the page follows by itself.
            receiver.Mode = ReceiverMode.Ok;
            await Expect(row).ToHaveAttributeAsync("data-status", "succeeded");
            var delivered = receiver.Received.Last(r => r.Answer == ReceiverMode.Ok);
            Assert.True(delivered.SignedWith(secret!));

            // A new secret, shown once; the replay goes out with the same webhook-id, signed with it.
            await page.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();
            await Expect(page.Locator("#endpoint-secret")).Not.ToHaveTextAsync(secret!);
            var rotated = await page.Locator("#endpoint-secret").TextContentAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Done, I have it" }).ClickAsync();
            await Expect(page.Locator("#endpoint-secret")).ToHaveCountAsync(0);
            var before = receiver.Received.Count;
            await row.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
            var again = (await receiver.WaitForAsync(r => r.Count > before && r[^1].Answer == ReceiverMode.Ok, "the replay"))[^1];
            Assert.Equal(delivered.Id, again.Id);
            Assert.True(again.SignedWith(rotated!));
            Assert.False(again.SignedWith(secret!));
            await Expect(row).ToHaveAttributeAsync("data-status", "succeeded");
            await page.SaveScreenshotAsync("console-events.png", fullPage: true);

            // Paused and resumed from its row, as the API then says.
            var endpointRow = page.Locator($"#endpoints-table tr[data-endpoint-id='{endpointId}']");
            await endpointRow.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
            await Expect(endpointRow).ToContainTextAsync("Paused");
            Assert.False((bool)(await silo.OkAsync(tenant, HttpMethod.Get, $"{WebhookTestClient.Path}/{endpointId}"))["enabled"]!);
            await endpointRow.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
            await Expect(endpointRow).ToContainTextAsync("Enabled");
            Assert.True((bool)(await silo.OkAsync(tenant, HttpMethod.Get, $"{WebhookTestClient.Path}/{endpointId}"))["enabled"]!);

            // Deleting asks first, in the row, and then the endpoint is gone.
            await page.Locator("#endpoints-table").GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete for good" }).ClickAsync();
            await Expect(page.Locator("#endpoints-table")).ToContainTextAsync("No endpoints yet");
            await Expect(page.Locator("#deliveries")).ToHaveCountAsync(0);
            Assert.Empty((await silo.OkAsync(tenant, HttpMethod.Get, WebhookTestClient.Path))["endpoints"]!.AsArray());
            using var gone = await silo.SendAsync(tenant, HttpMethod.Get, $"{WebhookTestClient.Path}/{endpointId}");
            Assert.Equal(System.Net.HttpStatusCode.NotFound, gone.StatusCode);
        });
    }
}
