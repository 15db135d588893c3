namespace Receptionist.Grains.Numbers;

/// <summary>Where SignalWire sends a number's calls, call status and messages (absolute URLs of our webhooks).</summary>
[GenerateSerializer, Immutable, Alias("number-webhook-urls")]
public sealed record NumberWebhookUrls(
    [property: Id(0)] string VoiceUrl,
    [property: Id(1)] string StatusCallback,
    [property: Id(2)] string SmsUrl);

[GenerateSerializer, Alias("number-acquisition-outcome")]
public enum NumberAcquisitionOutcome
{
    /// <summary>SignalWire sold the number to the project; it is now the tenant's.</summary>
    Bought,

    /// <summary>The project already owned the number (no tenant did); its webhooks now point here and it is the tenant's.</summary>
    Claimed,

    /// <summary>The tenant already owned it; its webhooks were pointed here again.</summary>
    AlreadyOwned,

    /// <summary>Another tenant owns it: nothing was bought or changed.</summary>
    OwnedByAnotherTenant,

    /// <summary>No number in the area code could be bought.</summary>
    NoneAvailable,
}

[GenerateSerializer, Immutable, Alias("number-acquisition")]
public sealed record NumberAcquisition(
    [property: Id(0)] NumberAcquisitionOutcome Outcome,
    [property: Id(1)] PhoneNumberInfo? Number);

/// <summary>One of a tenant's numbers as last configured on SignalWire (webhook fields are null for numbers assigned without that).</summary>
[GenerateSerializer, Immutable, Alias("phone-number-info")]
public sealed record PhoneNumberInfo
{
    [Id(0)] public required string PhoneNumber { get; init; }

    [Id(1)] public required string NumberSid { get; init; }

    [Id(2)] public required DateTimeOffset AssignedAt { get; init; }

    [Id(3)] public string? FriendlyName { get; init; }

    /// <summary>Lowercase: <c>voice</c>, <c>sms</c>, <c>mms</c>, <c>fax</c>.</summary>
    [Id(4)] public IReadOnlyList<string> Capabilities { get; init; } = [];

    [Id(5)] public string? VoiceUrl { get; init; }

    [Id(6)] public string? StatusCallback { get; init; }

    [Id(7)] public string? SmsUrl { get; init; }
}
