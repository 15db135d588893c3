namespace Receptionist.Grains.SignalWire.Models;

/// <summary>A number the project owns, with the webhooks SignalWire calls for it. Capabilities: voice, sms, mms, fax.</summary>
public sealed record IncomingPhoneNumber
{
    public string Sid { get; init; } = "";

    public string AccountSid { get; init; } = "";

    public string PhoneNumber { get; init; } = "";

    public string? FriendlyName { get; init; }

    public string? VoiceUrl { get; init; }

    public string? VoiceMethod { get; init; }

    public string? VoiceFallbackUrl { get; init; }

    public string? SmsUrl { get; init; }

    public string? SmsMethod { get; init; }

    public string? SmsFallbackUrl { get; init; }

    public string? StatusCallback { get; init; }

    public string? StatusCallbackMethod { get; init; }

    public IReadOnlyDictionary<string, bool> Capabilities { get; init; } = new Dictionary<string, bool>();

    public DateTimeOffset? DateCreated { get; init; }

    public DateTimeOffset? DateUpdated { get; init; }

    public string? Uri { get; init; }
}
