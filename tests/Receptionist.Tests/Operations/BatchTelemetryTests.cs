using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Receptionist.Grains.Calls;
using Receptionist.Grains.Observability;

namespace Receptionist.Tests.Operations;

/// <summary>The call-log group commit reports each batch's size, commit time and outcome.</summary>
public sealed class BatchTelemetryTests
{
    [Fact]
    public async Task Each_call_log_batch_reports_its_size_and_whether_its_statement_committed()
    {
        var telemetry = new ReceptionistTelemetry();
        var sizes = new ConcurrentQueue<(int Size, string Batch)>();
        var durations = new ConcurrentQueue<(double Seconds, string Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, telemetry))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "receptionist.batch.size")
            {
                sizes.Enqueue((value, (string)Tag(tags, "batch")!));
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "receptionist.batch.duration")
            {
                durations.Enqueue((value, (string)Tag(tags, "outcome")!));
            }
        });
        listener.Start();

        var firstWrite = new TaskCompletionSource();
        var writing = new TaskCompletionSource();
        var batcher = new CallLogBatcher(
            _ => throw new InvalidOperationException("refused"),
            async call =>
            {
                if (call.CallSid == "a")
                {
                    writing.SetResult();
                    await firstWrite.Task;
                }
            },
            telemetry: telemetry);

        var first = batcher.UpsertAsync(Call("a"));
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = Enumerable.Range(0, 3).Select(i => batcher.UpsertAsync(Call($"b{i}"))).ToList();
        firstWrite.SetResult();
        await Task.WhenAll([first, .. queued]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([(1, "call_log"), (3, "call_log")], sizes.ToArray());
        Assert.Equal(["ok", "failed"], durations.Select(d => d.Outcome));
        Assert.All(durations, d => Assert.True(d.Seconds > 0));
    }

    private static object? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    private static CallSummary Call(string callSid) => new()
    {
        CallSid = callSid,
        TenantId = "t",
        Direction = "inbound",
        Status = CallStatus.Ringing,
        CreatedAt = DateTimeOffset.UnixEpoch,
        Version = 1,
    };
}
