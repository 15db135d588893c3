using System.Diagnostics;
using Receptionist.Grains.SignalWire.Models;
using Receptionist.Grains.SignalWire.Wire;

namespace Receptionist.Grains.SignalWire;

public sealed partial class SignalWireClient
{
    /// <summary>
    /// A call's recordings with their media URLs. Uses <c>GET /Recordings?CallSid=</c>, which the current spec documents,
    /// rather than <c>/Calls/{sid}/Recordings</c>, which it no longer lists for GET.
    /// </summary>
    public async Task<IReadOnlyList<SignalWireRecording>> ListCallRecordingsAsync(string callSid, CancellationToken cancellationToken = default)
    {
        var filters = new FormBody().Add("CallSid", callSid).Add("PageSize", 1000);
        var recordings = await ListAsync<SignalWireRecording>(
            AccountUri("Recordings", filters.ToQueryString()), "recordings", int.MaxValue, "list recordings", cancellationToken);
        return [.. recordings.Select(r => r with { MediaUrl = MediaUrl(r) })];
    }

    /// <summary>
    /// Fetches the project (account) itself: cheap, authenticated, and touches nothing. Never throws for SignalWire's
    /// failures; reports them, so a health check can show SignalWire's state next to the others.
    /// </summary>
    public async Task<SignalWireProbe> ProbeAsync(CancellationToken cancellationToken = default)
    {
        if (!IsConfigured)
        {
            return new SignalWireProbe(false, TimeSpan.Zero, "SignalWire is not configured");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var account = await SendForJsonAsync(HttpMethod.Get, AccountUri(""), null, "fetch the project", cancellationToken);
            var status = account.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
            return new SignalWireProbe(true, Stopwatch.GetElapsedTime(started), $"project {status ?? "reachable"}");
        }
        catch (SignalWireException ex)
        {
            return new SignalWireProbe(false, Stopwatch.GetElapsedTime(started), ex.Message);
        }
    }

    private Uri? MediaUrl(SignalWireRecording recording)
    {
        if (string.IsNullOrEmpty(recording.Uri))
        {
            return recording.Sid.Length == 0 ? null : AccountUri("Recordings/" + Segment(recording.Sid));
        }

        var uri = recording.Uri;
        var query = uri.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? uri : uri[..query];
        return SpaceUri(path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? path[..^5] : path);
    }
}
