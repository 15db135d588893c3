namespace Receptionist.Grains.SignalWire.Models;

/// <summary>A number the project could buy. Capabilities here are spelt <c>voice</c>, <c>SMS</c>, <c>MMS</c>.</summary>
public sealed record AvailablePhoneNumber
{
    public string PhoneNumber { get; init; } = "";

    public string? FriendlyName { get; init; }

    public string? Region { get; init; }

    public string? RateCenter { get; init; }

    public string? IsoCountry { get; init; }

    public IReadOnlyDictionary<string, bool> Capabilities { get; init; } = new Dictionary<string, bool>();
}
