using Microsoft.Playwright;
using Receptionist.Api.SignalWire;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Ivr;
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

    [Fact]
    public async Task A_voicemails_detail_shows_the_recording_notice_played_and_its_transcription_when_it_arrives_after_the_page_opened()
    {
        var silo = await console.SiloAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var number = await silo.GiveNumberAsync(console.Emulator, tenant);
        await silo.PutSettingsOkAsync(tenant, new { businessName = "Corner Bakery", notices = new { recording = new { enabled = true } } });
        var call = new IvrCaller(silo, number, "+14155550178");
        await call.DialInAsync();
        await call.RecordingEndsAsync("https://example.signalwire.com/recordings/bakery-7");
        await call.StatusAsync("completed");

        await console.Browser.RunAsync(silo, ConsoleScenes.OwnerToken(tenant), async page =>
        {
            await page.GotoAsync($"/console/#/calls/{call.CallSid}");
            var timeline = page.GetByRole(AriaRole.List, new() { Name = "Timeline" });
            await Expect(timeline).ToContainTextAsync("IVR: Recording notice played · This call may be recorded.");
            await Expect(page.Locator(".awaiting")).ToContainTextAsync("the voicemail's transcription");

            // SignalWire's transcription comes after the page was opened, and no status changes with it.
            var (status, _) = await call.ProbeAsync(CallbackUrls.TranscriptionPath,
                [("RecordingSid", $"re-{call.CallSid}"), ("TranscriptionSid", Guid.NewGuid().ToString()),
                 ("TranscriptionText", "Please save me two sourdough loaves for Saturday."), ("TranscriptionStatus", "completed")]);
            Assert.Equal(System.Net.HttpStatusCode.NoContent, status);
            await Expect(page.Locator("[aria-label='Voicemail transcriptions']")).ToContainTextAsync("Please save me two sourdough loaves for Saturday.");
            await Expect(page.Locator(".awaiting")).ToHaveCountAsync(0);
        });
    }
}
