using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Messaging;

namespace Receptionist.Grains.Tenancy;

/// <summary>A tenant's business settings. <see cref="Version"/> grows by one with every accepted update.</summary>
[GenerateSerializer, Immutable, Alias("tenant-settings")]
public sealed record TenantSettings
{
    [Id(0)] public string BusinessName { get; init; } = "";

    /// <summary>IANA time zone the business works in (business hours, analytics days).</summary>
    [Id(1)] public string TimeZone { get; init; } = "UTC";

    [Id(2)] public int Version { get; init; }

    /// <summary>The IVR callers hear; null: a plain greeting and menu prompt. (Id 7 keeps clear of other features' ids.)</summary>
    [Id(7)] public CallFlowSettings? CallFlow { get; init; }
    /// <summary>Auto-replies and help text for inbound texts.</summary>
    [Id(3)] public SmsSettings Sms { get; init; } = new();

    /// <summary>When the business is open, for calls, texts and the AI agent alike; unset: always open.</summary>
    [Id(4)] public BusinessHours? BusinessHours { get; init; }

    /// <summary>Blocked numbers and prefixes, and what happens to callers who withhold their number.</summary>
    [Id(10)] public CallerScreening Screening { get; init; } = new();

    /// <summary>The text a missed caller gets (off by default).</summary>
    [Id(11)] public MissedCallTextBack MissedCallTextBack { get; init; } = new();

    /// <summary>The recording-consent and AI-disclosure notices (both off by default).</summary>
    [Id(12)] public CallNotices Notices { get; init; } = new();
}
