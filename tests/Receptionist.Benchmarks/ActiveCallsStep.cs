namespace Receptionist.Benchmarks;

/// <summary>
/// What one more call left active (entry, ringing, in progress: its grain stays activated) costs the silo: the RSS
/// before and one second after posting the calls' webhooks, divided by the calls. Nothing is forced in the silo, so the
/// figure is what an operator's RSS graph would show, GC budget and native memory included.
/// </summary>
public static class ActiveCallsStep
{
    public static async Task<double> MeasureAsync(int siloProcessId, Uri target, string unfinishedCalls, int calls)
    {
        var monitor = new ProcessMonitor(siloProcessId);
        var before = monitor.ResidentMegabytes();
        var anonymousBefore = monitor.AnonymousResidentMegabytes();
        await PostInOrderAsync(target, unfinishedCalls, 32);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = monitor.ResidentMegabytes();
        var anonymousAfter = monitor.AnonymousResidentMegabytes();
        var perCall = (after - before) * 1024 / calls;
        Console.WriteLine(FormattableString.Invariant(
            $"  {calls} active calls: RSS {before:F0} MB -> {after:F0} MB (anonymous {anonymousBefore:F0} -> {anonymousAfter:F0}), {perCall:F1} KB each (RSS delta)"));
        return perCall;
    }

    /// <summary>Posts a stream's lines once, each call's webhooks in order, <paramref name="concurrency"/> calls at a time.</summary>
    private static async Task PostInOrderAsync(Uri target, string stream, int concurrency)
    {
        var lines = await File.ReadAllLinesAsync(stream);
        var perCall = lines.GroupBy(l => l.Split('\t')[2].Split('&').First(p => p.StartsWith("CallSid=", StringComparison.Ordinal))).ToList();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
        await Parallel.ForEachAsync(perCall, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (call, cancellationToken) =>
        {
            foreach (var line in call)
            {
                var parts = line.Split('\t');
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, parts[0]))
                {
                    Content = new StringContent(parts[2], System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
                };
                request.Headers.Add("X-SignalWire-Signature", parts[1]);
                using var response = await client.SendAsync(request, cancellationToken);
                response.EnsureSuccessStatusCode();
            }
        });
    }
}
