namespace Receptionist.Grains.SignalWire.Models;

public enum AvailableNumberKind
{
    Local,
    TollFree,
}

/// <summary>A search for numbers to buy. <see cref="Contains"/> takes digits, letters and <c>*</c> wildcards.</summary>
public sealed record AvailableNumberQuery
{
    public AvailableNumberKind Kind { get; init; } = AvailableNumberKind.Local;

    public string IsoCountry { get; init; } = "US";

    public string? AreaCode { get; init; }

    public string? Contains { get; init; }

    /// <summary>Two-letter state or province.</summary>
    public string? InRegion { get; init; }
}
