namespace Receptionist.Grains.Numbers;

/// <summary>
/// Numbers a tenant could buy (key: <see cref="GrainKeys.Tenant"/>; a stateless worker). A search touches no state;
/// buying "the first available in an area code" searches here, then buys through each candidate's own
/// <see cref="IPhoneNumberGrain"/>, which records the purchase. SignalWire's failures surface as <c>SignalWireException</c>.
/// </summary>
[Alias("number-catalog")]
public interface INumberCatalogGrain : IGrainWithStringKey
{
    [Alias("search")]
    Task<IReadOnlyList<NumberOffer>> Search(NumberSearch search);

    [Alias("acquire-first-available")]
    Task<NumberAcquisition> AcquireFirstAvailable(string areaCode, NumberWebhookUrls webhooks);
}

/// <summary>A search for numbers to buy (US). <see cref="Contains"/> takes digits, letters and <c>*</c>.</summary>
[GenerateSerializer, Immutable, Alias("number-search")]
public sealed record NumberSearch
{
    [Id(0)] public string? AreaCode { get; init; }

    [Id(1)] public string? Contains { get; init; }

    /// <summary>Two-letter state or province.</summary>
    [Id(2)] public string? Region { get; init; }

    [Id(3)] public bool TollFree { get; init; }
}

/// <summary>A number for sale; capabilities lowercased (<c>voice</c>, <c>sms</c>, <c>mms</c>).</summary>
[GenerateSerializer, Immutable, Alias("number-offer")]
public sealed record NumberOffer(
    [property: Id(0)] string PhoneNumber,
    [property: Id(1)] string? FriendlyName,
    [property: Id(2)] string? Region,
    [property: Id(3)] string? RateCenter,
    [property: Id(4)] string? IsoCountry,
    [property: Id(5)] IReadOnlyList<string> Capabilities);
