using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Receptionist.Api.Auth;
using Receptionist.Api.Observability;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Operations;

/// <summary>What an operator sees: Prometheus metrics on the management port only, one log line per request, no false alarms.</summary>
public sealed class ObservabilityTests(OperationsSiloFixture fixture) : IClassFixture<OperationsSiloFixture>
{
    private const string Route = CallWebhookClient.CallStatusPath;

    [Fact]
    public async Task Webhooks_are_counted_by_outcome_and_reason_and_scraped_on_the_management_port_only()
    {
        var silo = fixture.Silo;
        var number = NewNumber();
        await CallLifecycleTests.AssignAsync(silo, "metrics-tenant", number);
        var before = await ScrapeAsync();
        var form = Ringing($"CA-metrics-{Guid.NewGuid():N}", number);

        using (var accepted = await silo.PostSignedAsync(Route, form))
        using (var duplicate = await silo.PostSignedAsync(Route, form))
        using (var forged = await silo.PostSignedAsync(Route, form, signingKey: "PSK_not_the_key"))
        using (var malformed = await silo.PostSignedAsync(Route, [KeyValuePair.Create("CallSid", "CA-no-status")]))
        {
            Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest],
                [accepted.StatusCode, duplicate.StatusCode, forged.StatusCode, malformed.StatusCode]);
        }

        // At least: every host in the test process publishes a meter named "Receptionist", and this silo's exporter
        // listens to all of them, so webhooks other tests send at the same time may add to the counts.
        var expected = new Dictionary<string, double>
        {
            [Webhooks("accepted")] = Value(before, Webhooks("accepted")) + 1,
            [Webhooks("duplicate")] = Value(before, Webhooks("duplicate")) + 1,
            [Webhooks("rejected", "signature")] = Value(before, Webhooks("rejected", "signature")) + 1,
            [Webhooks("rejected", "malformed")] = Value(before, Webhooks("rejected", "malformed")) + 1,
        };
        var last = "";
        var scrape = await WaitForAsync(async () =>
        {
            last = await ScrapeAsync();
            // Orleans' own gauges are observed at scrape time and may be missing from a scrape that raced a silo starting;
            // ASP.NET Core records a request's duration when the server finishes it, which can be after its client has the response.
            return expected.All(e => Value(last, e.Key) >= e.Value) && last.Contains("orleans_catalog_activations", StringComparison.Ordinal)
                && last.Contains("http_server_request_duration_seconds", StringComparison.Ordinal) ? last : null;
        }, () => $"expected {string.Join(", ", expected.Select(e => $"{e.Key} {e.Value}"))}; scraped:\n"
            + string.Join("\n", last.Split('\n').Where(l => l.StartsWith("receptionist_webhooks_total", StringComparison.Ordinal))));

        Assert.Contains("receptionist_webhook_duration_seconds_bucket{", scrape, StringComparison.Ordinal);
        Assert.Contains("orleans_catalog_activations", scrape, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", scrape, StringComparison.Ordinal);

        using var onPublicPort = await silo.Client.GetAsync(OperationsSiloFixture.MetricsPath);
        Assert.Equal(HttpStatusCode.NotFound, onPublicPort.StatusCode);
        using var management = new HttpClient();
        using var apiOnManagementPort = await management.GetAsync($"http://127.0.0.1:{fixture.MetricsPort}/health/live");
        Assert.Equal(HttpStatusCode.NotFound, apiOnManagementPort.StatusCode);
    }

    [Fact]
    public async Task Each_webhook_and_api_call_logs_one_information_line_with_route_tenant_sid_outcome_and_duration()
    {
        var silo = fixture.Silo;
        var number = NewNumber();
        var callSid = $"CA-log-{Guid.NewGuid():N}";
        await CallLifecycleTests.AssignAsync(silo, "log-tenant", number);

        await silo.PostAcceptedAsync(Route, Ringing(callSid, number));
        var (status, _) = await silo.GetCallAsync("log-tenant", callSid);
        Assert.Equal(HttpStatusCode.OK, status);

        var lines = await fixture.Logs.WaitForAsync(
            l => l.Category == typeof(RequestLogMiddleware).FullName && Equals(l.Values.GetValueOrDefault("Sid"), callSid), 2, TimeSpan.FromSeconds(10));
        Assert.Equal(2, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.Equal(LogLevel.Information, line.Level);
            Assert.Equal("log-tenant", line.Values["TenantId"]);
            Assert.True((double)line.Values["ElapsedMs"]! > 0, line.Message);
        });
        var (webhook, api) = (lines[0], lines[1]);
        Assert.Equal((Route, "accepted", 204), ((string)webhook.Values["Route"]!, (string)webhook.Values["Outcome"]!, (int)webhook.Values["StatusCode"]!));
        Assert.Equal(("/api/signalwire/call/{callSid}", "ok", 200), ((string)api.Values["Route"]!, (string)api.Values["Outcome"]!, (int)api.Values["StatusCode"]!));
    }

    [Fact]
    public void Starting_a_silo_logs_no_false_watchdog_stall()
    {
        // The watchdog's first check runs as the silo starts, before the fixture's StartAsync returns; it used to report
        // the machine's uptime as a stall of the "participant check thread".
        var warnings = fixture.Logs.Lines.Where(l => l.Category.StartsWith("Orleans.Runtime.Watchdog", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(warnings, l => l.Message.Contains("has not completed for", StringComparison.Ordinal));
    }

    private static string NewNumber() => "+1555" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);

    private static List<KeyValuePair<string, string>> Ringing(string callSid, string number) =>
    [
        KeyValuePair.Create("CallSid", callSid),
        KeyValuePair.Create("AccountSid", "6bfbbe86-a901-4197-8759-2a0de1fa319d"),
        KeyValuePair.Create("From", "+14155550001"),
        KeyValuePair.Create("To", number),
        KeyValuePair.Create("Direction", "inbound"),
        KeyValuePair.Create("CallStatus", "ringing"),
        KeyValuePair.Create("Timestamp", CallWebhookClient.Rfc2822(DateTimeOffset.UtcNow)),
    ];

    private static string Webhooks(string outcome, string? reason = null) =>
        "receptionist_webhooks_total{otel_scope_name=\"Receptionist\",outcome=\"" + outcome + "\","
        + (reason is null ? "" : "reason=\"" + reason + "\",") + "route=\"" + Route + "\"}";

    private static double Value(string scrape, string series) =>
        scrape.Split('\n').Where(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(series.Length + 1)..].Split(' ')[0], CultureInfo.InvariantCulture)).FirstOrDefault();

    private async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient();
        return await http.GetStringAsync($"http://127.0.0.1:{fixture.MetricsPort}{OperationsSiloFixture.MetricsPath}");
    }

    private static async Task<string> WaitForAsync(Func<Task<string?>> probe, Func<string> describe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, describe());
            await Task.Delay(100);
        }
    }
}
