namespace Receptionist.Grains.SignalWire.Models;

/// <summary>A call recording's metadata. <see cref="MediaUrl"/> serves the audio (WAV) without authentication.</summary>
public sealed record SignalWireRecording
{
    public string Sid { get; init; } = "";

    public string AccountSid { get; init; } = "";

    public string? CallSid { get; init; }

    /// <summary>queued, in-progress, paused, completed, absent, stopped.</summary>
    public string? Status { get; init; }

    public int? Duration { get; init; }

    public string? Channels { get; init; }

    public string? Source { get; init; }

    public DateTimeOffset? DateCreated { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public decimal? Price { get; init; }

    public string? PriceUnit { get; init; }

    public string? Uri { get; init; }

    /// <summary>Absolute URL of the audio, derived from <see cref="Uri"/> by dropping <c>.json</c>.</summary>
    public Uri? MediaUrl { get; init; }
}
