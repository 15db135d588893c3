namespace Receptionist.Grains.Numbers;

[GenerateSerializer, Alias("phone-number-state")]
public sealed class PhoneNumberState
{
    [Id(0)] public PhoneNumberOwner? Owner { get; set; }

    /// <summary>The number's SignalWire settings as SignalWire last answered them; null if it was assigned without that.</summary>
    [Id(1)] public PhoneNumberConfiguration? Configuration { get; set; }
}

[GenerateSerializer, Immutable, Alias("phone-number-configuration")]
public sealed record PhoneNumberConfiguration(
    [property: Id(0)] string? FriendlyName,
    [property: Id(1)] IReadOnlyList<string> Capabilities,
    [property: Id(2)] string? VoiceUrl,
    [property: Id(3)] string? StatusCallback,
    [property: Id(4)] string? SmsUrl);
