namespace Receptionist.Benchmarks;

/// <summary>
/// The seed-style baseline kept running beside the silos for the whole run, so that each of a silo's webhook phases can
/// be measured in the order silo, baseline, baseline, silo: whatever else changes the machine's speed over those
/// minutes (other work on the host, PostgreSQL's checkpoints) weighs on both systems alike. Measured minutes after the
/// silo instead, the baseline made the same code's ratio at 32 connections 1.90 in one run and 1.33 in the next.
/// </summary>
internal sealed class BaselineBeside(SeedBaseline baseline, WebhookStreams streams, string webhookScript)
{
    private bool warmedUp;

    /// <summary>The silo's warm-up, as many rounds of its webhook parts (V8 compiles too, and pg's pool fills); once.</summary>
    public async Task WarmUpAsync(IReadOnlyList<int> concurrencies, int rounds, int calls, TimeSpan step)
    {
        if (warmedUp)
        {
            return;
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var connections in concurrencies)
            {
                await Wrk.ReplayAsync("baseline warm-up", baseline.BaseAddress, webhookScript, await streams.WriteAsync(calls), connections, step);
            }
        }

        warmedUp = true;
    }

    public async Task<WrkResult> ReplayAsync(int connections, int calls, TimeSpan phase) =>
        await Wrk.ReplayAsync("seed-style baseline: webhooks (5 per call)", baseline.BaseAddress, webhookScript, await streams.WriteAsync(calls), connections, phase);

    /// <summary>Two phases of equal length as one: their mean rate (all requests over all the time), the worse p99.</summary>
    public static WrkResult Pooled(WrkResult first, WrkResult second) => first with
    {
        RequestsPerSecond = (first.RequestsPerSecond + second.RequestsPerSecond) / 2,
        P50Ms = (first.P50Ms + second.P50Ms) / 2,
        P99Ms = Math.Max(first.P99Ms, second.P99Ms),
        Errors = first.Errors + second.Errors,
        Non2xx = first.Non2xx + second.Non2xx,
    };
}
