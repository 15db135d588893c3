using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Receptionist.Api.Validation;
using Receptionist.Grains.Numbers;

namespace Receptionist.Api.Numbers;

/// <summary>The body of <c>POST /api/signalwire/phone-numbers</c>: a number to buy or claim, or an area code to buy the first available in.</summary>
public sealed partial record AcquireNumberRequest(string? PhoneNumber, string? AreaCode)
{
    public RequestValidator Validate() => new RequestValidator()
        .Check(PhoneNumber is not null ^ AreaCode is not null, "phoneNumber", "Give either phoneNumber or areaCode, not both.")
        .E164("phoneNumber", PhoneNumber)
        .Check(AreaCode is null || AreaCodePattern().IsMatch(AreaCode), "areaCode", "A US area code is three digits, not starting with 0 or 1.");

    [GeneratedRegex(@"^[2-9][0-9]{2}\z", RegexOptions.CultureInvariant)]
    internal static partial Regex AreaCodePattern();
}

/// <summary>The query of <c>GET /api/signalwire/phone-numbers/available</c>.</summary>
public sealed partial record AvailableNumbersRequest(
    [FromQuery] string? AreaCode, [FromQuery] string? Contains, [FromQuery] string? Region, [FromQuery] string? Type)
{
    public RequestValidator Validate() => new RequestValidator()
        .Check(AreaCode is null || AcquireNumberRequest.AreaCodePattern().IsMatch(AreaCode), "areaCode", "A US area code is three digits, not starting with 0 or 1.")
        .Check(Contains is null || ContainsPattern().IsMatch(Contains), "contains", "Up to 10 digits, letters or '*' wildcards.")
        .Check(Region is null || RegionPattern().IsMatch(Region), "region", "A two-letter state or province code.")
        .OneOf("type", Type, "local", "tollfree");

    public NumberSearch ToSearch() => new()
    {
        AreaCode = AreaCode,
        Contains = Contains,
        Region = Region?.ToUpperInvariant(),
        TollFree = Type == "tollfree",
    };

    [GeneratedRegex(@"^[0-9A-Za-z*]{1,10}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ContainsPattern();

    [GeneratedRegex(@"^[A-Za-z]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}

public sealed record PhoneNumberResponse(
    string PhoneNumber, string NumberSid, string? FriendlyName, IReadOnlyList<string> Capabilities, string? VoiceUrl,
    string? StatusCallback, string? SmsUrl, DateTimeOffset AssignedAt)
{
    public static PhoneNumberResponse Of(PhoneNumberInfo n) =>
        new(n.PhoneNumber, n.NumberSid, n.FriendlyName, n.Capabilities, n.VoiceUrl, n.StatusCallback, n.SmsUrl, n.AssignedAt);
}

public sealed record PhoneNumberListResponse(IReadOnlyList<PhoneNumberResponse> PhoneNumbers);

public sealed record AvailableNumberResponse(string PhoneNumber, string? FriendlyName, string? Region, string? RateCenter, string? IsoCountry, IReadOnlyList<string> Capabilities);

public sealed record AvailableNumberListResponse(IReadOnlyList<AvailableNumberResponse> AvailablePhoneNumbers);

/// <summary>What <c>POST /api/signalwire/phone-numbers</c> did (<c>bought</c>, <c>claimed</c>, <c>already-owned</c>) and the number.</summary>
public sealed record AcquiredNumberResponse(string Outcome, PhoneNumberResponse PhoneNumber);
