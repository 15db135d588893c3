using System.Net;
using System.Text.Json;
using Receptionist.Api;
using Receptionist.Api.Auth;
using Receptionist.Tests.Auth;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Hardening;

/// <summary>
/// PostgreSQL stops under a running silo: webhooks and API routes answer 503 with Retry-After (SignalWire and clients
/// come back), the log says so in a few lines instead of a stack trace per request, and service resumes with the database.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const string DependencyLogCategory = "Receptionist.Api.Problems.DependencyFailureLog";

    [Fact]
    public async Task While_postgres_is_down_requests_get_503_with_retry_after_and_the_log_stays_short()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("outage");
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = database + ";Timeout=3",
            ["Orleans:ClusterId"] = $"outage-{Guid.NewGuid():N}",
            ["RateLimiting:PermitsPerSecond"] = "100000",
            ["RateLimiting:Burst"] = "100000",
        });
        await silo.WaitUntilReadyAsync();
        var token = TestTokens.For("acme", Permissions.CallsRead, Permissions.SmsRead, Permissions.SettingsRead);
        using (var before = await silo.Client.PostSignedAsync(CallWebhookClient.CallStatusPath, SignedForms.CallStatus(Guid.NewGuid().ToString(), "ringing", 0)))
        {
            Assert.Equal(HttpStatusCode.NoContent, before.StatusCode);
        }

        await postgres.CrashAsync();

        // Fresh calls and tenants: each needs its state from the database; the logs need the database for every page.
        var requests = Enumerable.Range(0, 120).Select(i => (i % 4) switch
        {
            0 or 1 => (Func<Task<HttpResponseMessage>>)(() => silo.Client.PostSignedAsync(CallWebhookClient.CallStatusPath,
                SignedForms.CallStatus(Guid.NewGuid().ToString(), "ringing", 0))),
            2 => () => silo.Client.SendAsync(HttpMethod.Get, "/api/signalwire/calls", token),
            _ => () => silo.Client.SendAsync(HttpMethod.Get, "/api/tenant/settings", TestTokens.For($"t{i}", Permissions.SettingsRead)),
        }).ToList();
        var answers = new List<string>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (send, cancellation) =>
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync(cancellation);
            var problemType = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? JsonDocument.Parse(body).RootElement.GetProperty("type").GetString()
                : body;
            lock (answers)
            {
                answers.Add($"{(int)response.StatusCode} retry-after={response.Headers.RetryAfter?.Delta?.TotalSeconds} {problemType}");
            }
        });

        var expected = $"503 retry-after=5 {ApiProblems.Unavailable}";
        Assert.True(answers.All(a => a == expected), string.Join(Environment.NewLine, answers.GroupBy(a => a).Select(g => $"{g.Count()} x {g.Key}")));

        // One line per kind of failure per interval; no stack trace per request.
        var log = silo.Output.Split(Environment.NewLine);
        var dependencyLines = log.Count(l => l.Contains(DependencyLogCategory, StringComparison.Ordinal));
        Assert.InRange(dependencyLines, 1, 4);
        var stackTraces = log.Count(l => l.Contains("   at ", StringComparison.Ordinal));
        Assert.True(stackTraces < 10, $"{stackTraces} log entries with a stack trace for {requests.Count} requests:{Environment.NewLine}{silo.Output}");

        await postgres.RestartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode status;
        do
        {
            using var after = await silo.Client.PostSignedAsync(CallWebhookClient.CallStatusPath, SignedForms.CallStatus(Guid.NewGuid().ToString(), "ringing", 0));
            status = after.StatusCode;
        }
        while (status != HttpStatusCode.NoContent && DateTime.UtcNow < deadline && await Delay());

        Assert.Equal(HttpStatusCode.NoContent, status);
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(200);
        return true;
    }
}
