using Receptionist.Grains.Calls;

namespace Receptionist.Tests.Calls;

public sealed class CallLogBatcherTests
{
    [Fact]
    public async Task Upserts_arriving_during_a_write_share_the_next_statement_and_each_waits_for_its_own()
    {
        var firstWrite = new TaskCompletionSource();
        var writing = new TaskCompletionSource();
        var batches = new List<IReadOnlyList<CallSummary>>();
        var singles = new List<CallSummary>();
        var batcher = new CallLogBatcher(
            batch => { batches.Add(batch); return Task.CompletedTask; },
            async call => { singles.Add(call); writing.SetResult(); await firstWrite.Task; });

        var first = batcher.UpsertAsync(Call("a", 1));
        await writing.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var queued = Enumerable.Range(0, 5).Select(i => batcher.UpsertAsync(Call($"b{i}", 1))).ToList();
        var older = batcher.UpsertAsync(Call("b0", 0));

        Assert.False(first.IsCompleted);
        Assert.All(queued, t => Assert.False(t.IsCompleted));
        firstWrite.SetResult();
        await Task.WhenAll([first, older, .. queued]).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["a"], singles.Select(c => c.CallSid));
        var batch = Assert.Single(batches);
        Assert.Equal(["b0", "b1", "b2", "b3", "b4"], batch.Select(c => c.CallSid).Order());
        Assert.Equal(1, batch.Single(c => c.CallSid == "b0").Version);
    }

    [Fact]
    public async Task A_row_the_database_refuses_fails_only_its_own_upsert()
    {
        var gate = new TaskCompletionSource();
        var batcher = new CallLogBatcher(
            _ => throw new InvalidOperationException("numeric field overflow"),
            async call =>
            {
                await gate.Task;
                if (call.CallSid == "bad")
                {
                    throw new InvalidOperationException("numeric field overflow");
                }
            });

        var blocker = batcher.UpsertAsync(Call("first", 1));
        var good = batcher.UpsertAsync(Call("good", 1));
        var bad = batcher.UpsertAsync(Call("bad", 1));
        gate.SetResult();

        await blocker.WaitAsync(TimeSpan.FromSeconds(10));
        await good.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static CallSummary Call(string callSid, int version) => new()
    {
        CallSid = callSid,
        TenantId = "acme",
        Direction = "inbound",
        Status = CallStatus.Ringing,
        CreatedAt = DateTimeOffset.UnixEpoch,
        Version = version,
    };
}
