using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Receptionist.Api.Auth;
using Receptionist.Tests.Infrastructure;
using Receptionist.Tests.Outbound;
using SignalWire.Emulator.State;
using static Microsoft.Playwright.Assertions;

namespace Receptionist.Tests.WebConsole;

/// <summary>The receptionist console in a real browser, against a real silo and the SignalWire emulator.</summary>
[Collection(PostgresCollection.Name)]
public sealed partial class ConsoleTests(PostgresFixture postgres, ConsoleFixture console) : IClassFixture<ConsoleFixture>
{
    [Fact]
    public async Task Slash_leads_to_the_console_whose_files_load_nothing_from_elsewhere_and_the_api_docs_stay()
    {
        var silo = await console.SiloAsync(postgres);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = silo.Client.BaseAddress };

        using var root = await http.GetAsync(new Uri("/", UriKind.Relative));
        using var folder = await http.GetAsync(new Uri("/console", UriKind.Relative));
        using var page = await http.GetAsync(new Uri("/console/", UriKind.Relative));
        using var module = await http.GetAsync(new Uri("/console/app.js", UriKind.Relative));
        using var missing = await http.GetAsync(new Uri("/console/missing.js", UriKind.Relative));
        using var docs = await http.GetAsync(new Uri("/api-docs", UriKind.Relative));

        Assert.Equal((System.Net.HttpStatusCode.Redirect, "/console/"), (root.StatusCode, root.Headers.Location?.OriginalString));
        Assert.Equal((System.Net.HttpStatusCode.Redirect, "/console/"), (folder.StatusCode, folder.Headers.Location?.OriginalString));
        Assert.Equal(("text/html", "text/javascript"), (page.Content.Headers.ContentType?.MediaType, module.Content.Headers.ContentType?.MediaType));
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        // Scalar's UI moves /api-docs to its own folder; it still answers there, untouched by the console.
        using var docsPage = docs.Headers.Location is { } moved ? await http.GetAsync(moved) : null;
        Assert.Contains("api-docs", docs.Headers.Location?.OriginalString ?? "api-docs", StringComparison.Ordinal);
        Assert.True((docsPage ?? docs).IsSuccessStatusCode, $"/api-docs answered {(int)(docsPage ?? docs).StatusCode}");
    }

    [Fact]
    public async Task A_bad_token_is_refused_with_the_reason_and_a_good_one_opens_the_board_until_sign_out()
    {
        var silo = await console.SiloAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var expired = DevTokenIssuer.Issue(SiloProcess.JwtSecret, tenant, [Permissions.CallsRead], lifetime: TimeSpan.FromMinutes(1),
            now: DateTime.UtcNow.AddHours(-2));

        await console.Browser.RunAsync(silo, null, async page =>
        {
            Assert.EndsWith("/console/", page.Url, StringComparison.Ordinal);
            await page.GetByLabel("API token").FillAsync(expired);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Sign-in refused");
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("expired");

            await page.SignInAsync(ConsoleScenes.OwnerToken(tenant));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live board" })).ToBeVisibleAsync();
            await Expect(page.Locator("#tenant")).ToHaveTextAsync(tenant);

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page.GetByLabel("API token")).ToBeVisibleAsync();
            await page.ReloadAsync();
            await Expect(page.GetByLabel("API token")).ToBeVisibleAsync();
            Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('receptionist.token')"));
        });
    }

    [Fact]
    public async Task A_call_placed_through_the_emulator_moves_across_the_live_board_and_is_hung_up_from_its_detail()
    {
        var silo = await console.SiloAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var from = await silo.GiveNumberAsync(console.Emulator, tenant);
        await ConsoleScenes.NameBusinessAsync(silo, tenant, "Harbor Dental");
        var now = DateTimeOffset.UtcNow;
        await ConsoleScenes.PlayCallsAsync(silo, from, Enumerable.Range(0, 7).Select(i => now.AddMinutes(-55 + (i * 7))));
        var (to, other) = (TelephonyApi.NewNumber(), TelephonyApi.NewNumber());
        console.Emulator.Controls.ScriptCallsTo(to, new CallScript(HoldUntilHangUp: true));
        console.Emulator.Controls.ScriptCallsTo(other, new CallScript(HoldUntilHangUp: true));

        await console.Browser.RunAsync(silo, ConsoleScenes.OwnerToken(tenant), async page =>
        {
            await Expect(page.Locator("body[data-live=connected]")).ToHaveCountAsync(1);
            await Expect(page.Locator("#board-table tbody tr")).ToHaveCountAsync(7);
            // Every status a row shows, in order, however briefly it showed.
            await page.EvaluateAsync("""
                () => {
                  window.seen = [];
                  const note = () => document.querySelectorAll('#board-table tr[data-call-sid]').forEach(tr => {
                    const last = window.seen.findLast(s => s.sid === tr.dataset.callSid);
                    if (!last || last.status !== tr.dataset.status) window.seen.push({ sid: tr.dataset.callSid, status: tr.dataset.status });
                  });
                  new MutationObserver(note).observe(document.getElementById('board-table'), { childList: true, subtree: true });
                }
                """);

            var (_, placed) = await silo.PlaceCallAsync(tenant, new { to, from });
            var callSid = (string)placed!["callSid"]!;
            var row = page.Locator($"#board-table tr[data-call-sid='{callSid}']");
            await Expect(row).ToHaveAttributeAsync("data-status", "in-progress");
            var seen = await page.EvaluateAsync<JsonElement>("sid => window.seen.filter(s => s.sid === sid).map(s => s.status)", callSid);
            var statuses = seen.EnumerateArray().Select(s => s.GetString()).ToList();
            Assert.Contains("ringing", statuses);
            Assert.True(statuses.IndexOf("ringing") < statuses.IndexOf("in-progress"), string.Join(" → ", statuses));
            await Expect(row.Locator("td").Nth(0)).ToContainTextAsync(Pretty(to));
            await Expect(page.Locator("[data-kpi=live] .kpi-value")).ToHaveTextAsync("1");

            var (_, second) = await silo.PlaceCallAsync(tenant, new { to = other, from });
            await Expect(page.Locator($"#board-table tr[data-call-sid='{(string)second!["callSid"]!}']")).ToHaveAttributeAsync("data-status", "in-progress");
            await page.SaveScreenshotAsync("console-live-board.png");

            await row.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Call with {Pretty(to)}" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.List, new() { Name = "Timeline" })).ToContainTextAsync("Call placed through the API");
            await page.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
            await Expect(page.Locator(".page-header .pill")).ToHaveAttributeAsync("data-status", "completed");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Hang up" })).ToHaveCountAsync(0);

            await page.GetByRole(AriaRole.Link, new() { Name = "← Live board" }).ClickAsync();
            await Expect(row).ToHaveAttributeAsync("data-status", "completed");
            await Expect(page.Locator("[data-kpi=live] .kpi-value")).ToHaveTextAsync("1");
        });

        var ended = await silo.WaitForCallAsync(tenant, (string)(await silo.ListCallsAsync(tenant)).First(c => (string?)c!["to"] == to)!["callSid"]!, "completed");
        Assert.Equal("completed", console.Emulator.State.Call((string)ended["callSid"]!)!.Status);
        await HangUpAllAsync(silo, tenant);
    }

    [Fact]
    public async Task Business_hours_changed_in_the_console_are_what_the_api_answers_and_a_refused_change_shows_at_its_field()
    {
        var silo = await console.SiloAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        await ConsoleScenes.NameBusinessAsync(silo, tenant, "Harbor Dental");

        await console.Browser.RunAsync(silo, ConsoleScenes.OwnerToken(tenant), async page =>
        {
            await page.GotoAsync("/console/#/setup");
            await page.GetByLabel("Open around the clock").UncheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add hours on Monday" }).ClickAsync();
            await page.GetByLabel("Monday opens").FillAsync("08:30");
            await page.GetByLabel("Monday closes").FillAsync("17:00");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add hours on Saturday" }).ClickAsync();
            await page.GetByLabel("Saturday opens").FillAsync("22:00");
            await page.GetByLabel("Saturday closes").FillAsync("02:00");
            await page.GetByLabel("Add a holiday").FillAsync("2026-12-25");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add holiday" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Expect(page.Locator("#toast")).ToHaveTextAsync("Settings saved.");

            var saved = await SettingsAsync(silo, tenant);
            var hours = saved["businessHours"]!;
            Assert.Equal(["Monday 08:30:00-17:00:00", "Saturday 22:00:00-02:00:00"],
                hours["week"]!.AsArray().Select(w => $"{w!["day"]} {w["opens"]}-{w["closes"]}"));
            Assert.Equal(["2026-12-25"], hours["holidays"]!.AsArray().Select(d => (string?)d));
            Assert.Equal("Harbor Dental", (string?)saved["businessName"]);

            // After a reload the grid shows what was saved.
            await page.ReloadAsync();
            await Expect(page.GetByLabel("Saturday closes")).ToHaveValueAsync("02:00");
            await Expect(page.Locator(".holidays li")).ToHaveCountAsync(1);

            var timeZone = page.GetByLabel("Time zone");
            await timeZone.FillAsync("Mars/Olympus");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Expect(page.Locator(".error-summary")).ToContainTextAsync("problem");
            await Expect(timeZone).ToHaveAttributeAsync("aria-invalid", "true");
            var describedBy = (await timeZone.GetAttributeAsync("aria-describedby"))!.Split(' ')[^1];
            await Expect(page.Locator($"#{describedBy}")).ToContainTextAsync("not a known IANA time zone");
            Assert.Equal((int)saved["version"]!, (int)(await SettingsAsync(silo, tenant))["version"]!);
        });
    }

    [Fact]
    public async Task Analytics_charts_show_the_figures_the_api_reports_by_day_and_by_number_and_export_them()
    {
        var silo = await console.SiloAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var number = await silo.GiveNumberAsync(console.Emulator, tenant);
        var second = await silo.GiveNumberAsync(console.Emulator, tenant);
        // Hours of the day and days are the business's own, not the browser's (UTC here).
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        await ConsoleScenes.NameBusinessAsync(silo, tenant, "Harbor Dental", zone.Id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = today.AddDays(-13);
        // A working fortnight: more calls mid-week and mid-morning, a few on the second number.
        var starts = Enumerable.Range(0, 14).SelectMany(d =>
        {
            var day = new DateTimeOffset(first.AddDays(d).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
            var count = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 2 : 5 + ((d * 5) % 7);
            return Enumerable.Range(0, count).Select(k => day.AddMinutes((k * 47) + ((k % 3) * 60)));
        }).Where(s => s < DateTimeOffset.UtcNow.AddMinutes(-5)).ToList();
        await ConsoleScenes.PlayCallsAsync(silo, number, starts.Where((_, i) => i % 5 != 0));
        await ConsoleScenes.PlayCallsAsync(silo, second, starts.Where((_, i) => i % 5 == 0), firstVariant: 1);
        for (var i = 0; i < 6; i++)
        {
            var (sent, _) = await silo.SendAsync(HttpMethod.Post, "/api/signalwire/sms/send", tenant,
                new { from = number, to = TelephonyApi.NewNumber(), body = "Your appointment is confirmed." }, Permissions.SmsCreate);
            Assert.Equal(System.Net.HttpStatusCode.Created, sent);
        }

        // Three callers text STOP (as people write it); one writes a sentence that only contains the word.
        foreach (var body in new[] { "STOP", "stop.", " Unsubscribe ", "Please stop calling me at work" })
        {
            await Messaging.SmsTestClient.TextAsync(silo, $"SM{Guid.NewGuid():N}", TelephonyApi.NewNumber(), number, body);
        }

        var optOutDay = Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime));

        var range = $"from={Day(first)}&to={Day(today)}";
        var api = await silo.SendAsync(HttpMethod.Get, $"/api/signalwire/analytics?{range}&groupBy=day", tenant, null, Permissions.AnalyticsRead);

        await console.Browser.RunAsync(silo, ConsoleScenes.OwnerToken(tenant), async page =>
        {
            await page.GotoAsync($"/console/#/analytics?{range}&groupBy=day");
            var columns = page.Locator("#chart-calls .column");
            await Expect(columns).ToHaveCountAsync(14);
            var report = api.Body!;
            foreach (var group in report["groups"]!.AsArray())
            {
                var column = page.Locator($"#chart-calls .column[data-key='{(string)group!["key"]!}']");
                foreach (var series in new[] { "answered", "missed", "failed" })
                {
                    await Expect(column.Locator($"[data-series={series}]")).ToHaveAttributeAsync("data-value", ((long)group["calls"]![series]!).ToString(CultureInfo.InvariantCulture));
                }

                var talkMinutes = Math.Round((long)group["calls"]!["talkSeconds"]! / 6.0, MidpointRounding.AwayFromZero) / 10;
                await Expect(page.Locator($"#chart-talk .column[data-key='{(string)group["key"]!}'] rect")).ToHaveAttributeAsync("data-value", talkMinutes.ToString(CultureInfo.InvariantCulture));
                var ringMinutes = Math.Round((long)group["calls"]!["ringSeconds"]! / 6.0, MidpointRounding.AwayFromZero) / 10;
                await Expect(page.Locator($"#chart-ring .column[data-key='{(string)group["key"]!}'] rect")).ToHaveAttributeAsync("data-value", ringMinutes.ToString(CultureInfo.InvariantCulture));
            }

            Assert.True((long)report["calls"]!["ringSeconds"]! > 0, "the played calls rang before they were answered or given up");
            await Expect(page.Locator("[data-kpi=texted-back] .kpi-value")).ToHaveTextAsync(((long)report["calls"]!["textedBack"]!).ToString(CultureInfo.InvariantCulture));

            var total = (long)report["calls"]!["total"]!;
            Assert.Equal(starts.Count, total);
            await Expect(page.Locator("[data-kpi=calls] .kpi-value")).ToHaveTextAsync(total.ToString("N0", CultureInfo.GetCultureInfo("en-US")));
            await Expect(page.Locator("[data-kpi=answered] .kpi-value")).ToHaveTextAsync(((long)report["calls"]!["answered"]!).ToString(CultureInfo.InvariantCulture));
            var perHour = await page.Locator("#chart-hours .column").EvaluateAllAsync<long[]>("cs => cs.map(c => Number(c.dataset.total))");
            var apiHours = report["callsByHour"]!.AsArray().Select(n => (long)n!).ToArray();
            Assert.Equal(apiHours, perHour);
            Assert.Equal(Enumerable.Range(0, 24).Select(h => (long)starts.Count(s => TimeZoneInfo.ConvertTime(s, zone).Hour == h)), apiHours);

            Assert.Equal(3, (long)report["sms"]!["optOuts"]!);
            await Expect(page.Locator("[data-kpi=opt-outs] .kpi-value")).ToHaveTextAsync("3");
            await Expect(page.Locator($"#chart-opt-outs .column[data-key='{optOutDay}'] rect")).ToHaveAttributeAsync("data-value", "3");
            Assert.Equal(3, (long)report["groups"]!.AsArray().Single(g => (string?)g!["key"] == optOutDay)!["sms"]!["optOuts"]!);
            await page.SaveScreenshotAsync("console-analytics.png", fullPage: true);

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
            var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
            Assert.Equal(report["groups"]!.AsArray().Count + 1, csv.Length);
            Assert.StartsWith("group,calls,answered,missed,failed,inbound,outbound,talk_seconds,ring_seconds,texted_back,outcome_transferred", csv[0], StringComparison.Ordinal);

            await page.GetByLabel("Group by").SelectOptionAsync("number");
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            var byNumber = (await silo.SendAsync(HttpMethod.Get, $"/api/signalwire/analytics?{range}&groupBy=number", tenant, null, Permissions.AnalyticsRead)).Body!;
            Assert.Equal(2, byNumber["groups"]!.AsArray().Count);
            foreach (var group in byNumber["groups"]!.AsArray())
            {
                await Expect(page.Locator($"#chart-calls li[data-key='{(string)group!["key"]!}']")).ToHaveAttributeAsync("data-value", ((long)group["calls"]!["total"]!).ToString(CultureInfo.InvariantCulture));
                await Expect(page.Locator($"#chart-opt-outs li[data-key='{(string)group["key"]!}']")).ToHaveAttributeAsync("data-value", ((long)group["sms"]!["optOuts"]!).ToString(CultureInfo.InvariantCulture));
            }

            Assert.Equal(3, (long)byNumber["groups"]!.AsArray().Single(g => (string?)g!["key"] == number)!["sms"]!["optOuts"]!);
        });
    }

    [Fact]
    public async Task A_text_sent_from_the_console_joins_its_conversation_and_one_to_an_opted_out_caller_is_refused_with_the_reason()
    {
        var silo = await console.SiloAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var number = await silo.GiveNumberAsync(console.Emulator, tenant);
        var (customer, optedOut) = (TelephonyApi.NewNumber(), TelephonyApi.NewNumber());
        await Messaging.SmsTestClient.TextAsync(silo, $"SM{Guid.NewGuid():N}", customer, number, "Can I move my appointment?");
        await Messaging.SmsTestClient.TextAsync(silo, $"SM{Guid.NewGuid():N}", optedOut, number, "STOP");

        await console.Browser.RunAsync(silo, ConsoleScenes.OwnerToken(tenant), async page =>
        {
            await page.GotoAsync("/console/#/messages");
            await page.GetByRole(AriaRole.Button, new() { Name = Pretty(customer) }).ClickAsync();
            await Expect(page.Locator(".bubble.inbound")).ToContainTextAsync("Can I move my appointment?");
            await Expect(page.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync(customer);
            await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Of course: Thursday at 10:00?");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send text" }).ClickAsync();
            await Expect(page.Locator(".bubble.outbound")).ToContainTextAsync("Of course: Thursday at 10:00?");

            await page.GetByLabel("To", new() { Exact = true }).FillAsync(optedOut);
            await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Reminder: your appointment is tomorrow.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send text" }).ClickAsync();
            await Expect(page.Locator(".send-form [role=alert]")).ToContainTextAsync("opted out");
        });

        var sent = await Messaging.SmsTestClient.MessagesAsync(silo, tenant, "direction=outbound");
        Assert.Equal([customer], sent.Where(m => (string?)m["body"] == "Of course: Thursday at 10:00?").Select(m => (string?)m["to"]));
        Assert.DoesNotContain(sent, m => (string?)m["to"] == optedOut && (string?)m["body"] == "Reminder: your appointment is tomorrow.");
    }

    [Fact]
    public async Task A_token_without_a_permission_hides_or_disables_what_it_cannot_do_and_says_why()
    {
        var silo = await console.SiloAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        var viewer = DevTokenIssuer.Issue(SiloProcess.JwtSecret, tenant, [], role: "viewer");

        await console.Browser.RunAsync(silo, viewer, async page =>
        {
            await page.GotoAsync("/console/#/setup");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save changes" })).ToBeDisabledAsync();
            await Expect(page.Locator("main")).ToContainTextAsync("needs the \"settings:write\" permission");
            await page.GotoAsync("/console/#/messages");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send text" })).ToBeDisabledAsync();
            await Expect(page.Locator("main")).ToContainTextAsync("\"sms:create\" permission");
        });

        await console.Browser.RunAsync(silo, TestTokens.For(tenant, Permissions.CallsRead), async page =>
        {
            await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link)).ToHaveTextAsync(["Live board"]);
            await page.GotoAsync("/console/#/analytics");
            await Expect(page.Locator("main")).ToContainTextAsync("needs the \"analytics:read\" permission");
        });
    }

    [Fact]
    public async Task Every_section_has_labelled_controls_is_usable_by_keyboard_and_fits_a_phone()
    {
        var silo = await console.SiloAsync(postgres);
        var tenant = TelephonyApi.NewTenant();
        await silo.GiveNumberAsync(console.Emulator, tenant);
        var token = ConsoleScenes.OwnerToken(tenant);

        await console.Browser.RunAsync(silo, null, async page =>
        {
            // Signed in and moved around with the keyboard alone.
            for (var i = 0; i < 5 && await page.EvaluateAsync<string>("() => document.activeElement.id") != "token"; i++)
            {
                await page.Keyboard.PressAsync("Tab");
            }

            await page.Keyboard.InsertTextAsync(token);
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Live board" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Live board" }).FocusAsync();
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Analytics" })).ToBeVisibleAsync();
        });

        foreach (var viewport in new[] { ConsoleBrowser.Phone, ConsoleBrowser.Desktop })
        {
            await console.Browser.RunAsync(silo, token, async page =>
            {
                foreach (var (section, heading) in new[] { ("board", "Live board"), ("analytics", "Analytics"), ("messages", "Messages"), ("setup", "Set-up"), ("numbers", "Phone numbers"), ("events", "Events") })
                {
                    await page.GotoAsync($"/console/#/{section}");
                    await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
                    await Expect(page.Locator(".loading")).ToHaveCountAsync(0);
                    var unlabelled = await page.EvaluateAsync<string[]>("""
                        () => [...document.querySelectorAll('main input, main select, main textarea, main button, main a')]
                          .filter(e => e.offsetParent !== null)
                          .filter(e => !(e.labels?.length || e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.textContent.trim()))
                          .map(e => e.outerHTML.slice(0, 120))
                        """);
                    Assert.True(unlabelled.Length == 0, $"{section} at {viewport.Width}px: unlabelled controls: {string.Join(", ", unlabelled)}");
                    var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                    Assert.True(overflow <= 0, $"{section} at {viewport.Width}px is {overflow}px wider than the screen");
                }
            }, viewport);
        }
    }

    [Fact]
    public async Task The_board_says_it_is_disconnected_while_its_silo_restarts_and_resumes_live_updates_by_itself()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "consolerestart", silos: 1);
        var silo = cluster[0];
        var tenant = TelephonyApi.NewTenant();
        var number = TelephonyApi.NewNumber();
        await Calls.CallLifecycleTests.AssignAsync(silo, tenant, number);

        await console.Browser.RunAsync(silo, ConsoleScenes.OwnerToken(tenant), async page =>
        {
            await Expect(page.Locator("body[data-live=connected]")).ToHaveCountAsync(1);

            await silo.KillAsync();
            var banner = page.Locator("#connection");
            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner).ToContainTextAsync("reconnecting");
            await Expect(page.Locator(".live-text")).ToHaveTextAsync("Offline");

            // The same address again, as after a restart; the page was not reloaded.
            var restarted = await TestSilo.StartAsync(new Dictionary<string, string?>(cluster.Configuration) { ["urls"] = $"http://127.0.0.1:{silo.HttpPort}" });
            cluster.Silos.Add(restarted);
            await Expect(page.Locator("body[data-live=connected]")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await Expect(banner).ToBeHiddenAsync();

            // The killed silo's client still points at that address: the call reaches the restarted silo.
            await ConsoleScenes.PlayCallsAsync(silo, number, [DateTimeOffset.UtcNow.AddMinutes(-1)], firstVariant: 2);
            await Expect(page.Locator("#board-table tr[data-status=busy]")).ToHaveCountAsync(1);
        }, serverGoesAway: true);
    }

    private static string Pretty(string number) => $"+1 {number[2..5]}-{number[5..8]}-{number[8..]}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<JsonNode> SettingsAsync(TestSilo silo, string tenant) =>
        (await silo.SendAsync(HttpMethod.Get, "/api/tenant/settings", tenant, null, Permissions.SettingsRead)).Body!;

    private static async Task HangUpAllAsync(TestSilo silo, string tenant)
    {
        foreach (var call in await silo.ListCallsAsync(tenant))
        {
            if ((string?)call!["status"] == "in-progress")
            {
                await silo.SendAsync(HttpMethod.Patch, $"/api/signalwire/call/{(string)call["callSid"]!}", tenant, new { status = "completed" });
            }
        }
    }
}
