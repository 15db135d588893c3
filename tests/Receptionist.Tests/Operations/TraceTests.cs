using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Receptionist.Tests.Calls;
using Receptionist.Tests.Infrastructure;

namespace Receptionist.Tests.Operations;

[Collection(PostgresCollection.Name)]
public sealed class TraceTests(PostgresFixture postgres)
{
    [Fact]
    public async Task One_trace_spans_a_webhook_from_kestrel_through_the_grain_calls_to_the_sql()
    {
        var spans = new LockedCollection<Activity>();
        var database = await postgres.CreateDatabaseAsync("tracing");

        // Traces are on when an OTLP endpoint is configured; nothing listens there, the in-memory exporter is what we read.
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["Observability:OtlpEndpoint"] = $"http://127.0.0.1:{PostgresServer.FreeTcpPort()}",
        };
        await using var silo = await TestSilo.StartAsync(configuration,
            configureBuilder: builder => builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var number = "+1555" + Random.Shared.Next(1000000, 9999999).ToString(CultureInfo.InvariantCulture);
        await CallLifecycleTests.AssignAsync(silo, "trace-tenant", number);
        var callSid = $"CA-trace-{Guid.NewGuid():N}";

        await silo.PostAcceptedAsync(CallWebhookClient.CallStatusPath,
        [
            KeyValuePair.Create("CallSid", callSid),
            KeyValuePair.Create("AccountSid", "6bfbbe86-a901-4197-8759-2a0de1fa319d"),
            KeyValuePair.Create("From", "+14155550001"),
            KeyValuePair.Create("To", number),
            KeyValuePair.Create("Direction", "inbound"),
            KeyValuePair.Create("CallStatus", "ringing"),
        ]);

        var trace = await WaitForTraceAsync(spans, silo.HttpPort, callSid);
        var orleans = trace.Where(s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)).Select(s => s.SpanId).ToHashSet();
        Assert.Contains(trace, s => s.Source.Name == "Npgsql" && orleans.Contains(s.ParentSpanId));
    }

    /// <summary>The spans sharing the trace id of the server span that served the webhook, once an SQL span is among them.</summary>
    /// <remarks>Every host in the test process feeds the exporter, so the server span is picked by this silo's port.</remarks>
    private static async Task<List<Activity>> WaitForTraceAsync(LockedCollection<Activity> spans, int port, string callSid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var snapshot = spans.Snapshot();

            var servers = snapshot.Where(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("server.port"), port)
                && s.DisplayName.Contains(CallWebhookClient.CallStatusPath, StringComparison.Ordinal));
            foreach (var server in servers)
            {
                var trace = snapshot.Where(s => s.TraceId == server.TraceId).ToList();
                if (trace.Any(s => s.Source.Name == "Npgsql") && trace.Any(s => s.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)))
                {
                    return trace;
                }
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"no trace of the webhook for {callSid} reached the SQL; spans seen: {string.Join(", ", snapshot.Select(s => $"{s.Source.Name}:{s.DisplayName}"))}");
            await Task.Delay(100);
        }
    }
}
