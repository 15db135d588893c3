namespace Receptionist.Grains.SignalWire.Models;

/// <summary>The webhook settings of an owned number, sent when buying or updating it. Null fields are left as they are.</summary>
public sealed record NumberWebhooks
{
    public string? FriendlyName { get; init; }

    public Uri? VoiceUrl { get; init; }

    /// <summary><c>POST</c> (default) or <c>GET</c>.</summary>
    public string? VoiceMethod { get; init; }

    public Uri? VoiceFallbackUrl { get; init; }

    public Uri? StatusCallback { get; init; }

    public string? StatusCallbackMethod { get; init; }

    public Uri? SmsUrl { get; init; }

    public string? SmsMethod { get; init; }

    public Uri? SmsFallbackUrl { get; init; }
}
