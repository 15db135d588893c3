using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Receptionist.Tests.Operations;

[Collection(PostgresCollection.Name)]
public sealed class GracefulShutdownTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string Tenant = "shutdown-tenant";
    private const int Calls = 60;

    [Fact]
    public async Task A_silo_stopped_under_load_leaves_promptly_and_the_survivor_answers_every_webhook_without_losing_one()
    {
        await using var cluster = await TestSiloCluster.StartAsync(postgres, "shutdown", silos: 2);
        var (survivor, leaving) = (cluster[0], cluster[1]);
        var number = "+1555" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        await CallLifecycleTests.AssignAsync(survivor, Tenant, number);
        var sids = Enumerable.Range(0, Calls).Select(i => $"CA-stop-{i:000}-{Guid.NewGuid():N}").ToArray();

        // Every call's grain is activated, half of them through the silo that is about to leave.
        for (var i = 0; i < Calls; i++)
        {
            await (i % 2 == 0 ? survivor : leaving).PostAcceptedAsync(CallWebhookClient.CallStatusPath, Status(sids[i], number, "ringing", 0));
        }

        // Load on the survivor while the other silo stops: every call moves on, one webhook at a time per call.
        var answers = new ConcurrentBag<(string Sid, string Status, HttpStatusCode Code)>();
        using var stopping = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var round = 1; round <= 40 && !(stopping.IsCancellationRequested && round > 3); round++)
            {
                var status = round < 40 ? "in-progress" : "completed";
                await Parallel.ForEachAsync(sids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (sid, _) =>
                {
                    using var response = await survivor.PostSignedAsync(CallWebhookClient.CallStatusPath, Status(sid, number, status, round));
                    answers.Add((sid, status, response.StatusCode));
                });
            }
        });

        await WaitUntilAsync(() => answers.Count >= Calls);
        var stopwatch = Stopwatch.StartNew();
        await leaving.StopAsync();
        var stopTime = stopwatch.Elapsed;
        await stopping.CancelAsync();
        await load;

        // The last round completes every call, on the survivor only.
        await Parallel.ForEachAsync(sids, async (sid, _) =>
        {
            using var response = await survivor.PostSignedAsync(CallWebhookClient.CallStatusPath, Status(sid, number, "completed", 1000));
            answers.Add((sid, "completed", response.StatusCode));
        });

        output.WriteLine($"graceful stop under load took {stopTime.TotalMilliseconds:0} ms; {answers.Count} webhooks answered by the survivor");
        Assert.DoesNotContain(answers, a => (int)a.Code >= 500);
        Assert.All(answers, a => Assert.True(a.Code is HttpStatusCode.NoContent, $"{a.Sid} {a.Status}: {(int)a.Code}"));
        foreach (var sid in sids)
        {
            var (code, call) = await survivor.GetCallAsync(Tenant, sid);
            Assert.Equal(HttpStatusCode.OK, code);
            Assert.Equal("completed", (string?)call!["status"]);
            Assert.NotNull(call["rangAt"]); // the ringing webhook acknowledged before the stop, half of them by the leaving silo
            Assert.NotNull(call["answeredAt"]);
        }

        // A hang guard, not a speed claim (speed is measured by the benchmark): a graceful stop must not wait out a timeout.
        Assert.True(stopTime < TimeSpan.FromSeconds(10), $"the stop took {stopTime}");
    }

    private static List<KeyValuePair<string, string>> Status(string sid, string number, string status, int sequence) =>
    [
        KeyValuePair.Create("CallSid", sid),
        KeyValuePair.Create("AccountSid", "6bfbbe86-a901-4197-8759-2a0de1fa319d"),
        KeyValuePair.Create("From", "+14155550001"),
        KeyValuePair.Create("To", number),
        KeyValuePair.Create("Direction", "inbound"),
        KeyValuePair.Create("CallStatus", status),
        KeyValuePair.Create("SequenceNumber", sequence.ToString(CultureInfo.InvariantCulture)),
        KeyValuePair.Create("Timestamp", CallWebhookClient.Rfc2822(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero).AddSeconds(sequence))),
    ];

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the load never got going");
            await Task.Delay(20);
        }
    }
}
