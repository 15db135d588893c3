using Microsoft.Playwright;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Outbound;
using static Microsoft.Playwright.Assertions;

namespace Receptionist.Tests.WebConsole;

/// <summary>The console's call detail shows what the business gets after an AI call: its summary and the transcript as turns.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CallReportConsoleTests(PostgresFixture postgres, ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task An_AI_calls_detail_shows_its_summary_and_transcript_as_turns()
    {
        var silo = await console.SiloAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var number = await silo.GiveNumberAsync(console.Emulator, tenant);
        await silo.PutSettingsOkAsync(tenant, new
        {
            businessName = "Harbor Law",
            callFlow = new { aiAgent = new { answerAllCalls = true, prompt = "You are the receptionist of Harbor Law.", departments = Array.Empty<object>() } },
        });
        var call = await console.Emulator.Controls.DialInAsync(number, "+14155550177");
        await call.SayAsync("Hi, this is Dana Reyes, I need to move my consultation.");
        await call.AgentSaysAsync("Of course, Dana. What number can we reach you on?");
        call.SummarizeAs("Dana Reyes wants to move her consultation; call back on +14155550177.");
        await call.HangUpAsync();

        await console.Browser.RunAsync(silo, ConsoleScenes.OwnerToken(tenant), async page =>
        {
            await page.GotoAsync($"/console/#/calls/{call.CallSid}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Summary and transcript" })).ToBeVisibleAsync();
            await Expect(page.GetByText("Dana Reyes wants to move her consultation; call back on +14155550177.")).ToBeVisibleAsync();
            var turns = page.GetByRole(AriaRole.List, new() { Name = "Transcript" }).GetByRole(AriaRole.Listitem);
            await Expect(turns).ToHaveCountAsync(2);
            await Expect(turns.Nth(0)).ToContainTextAsync("Caller");
            await Expect(turns.Nth(0)).ToContainTextAsync("I need to move my consultation.");
            await Expect(turns.Nth(1)).ToContainTextAsync("Agent");
        });
    }
}
