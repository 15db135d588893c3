using System.Text.RegularExpressions;
using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Api;

internal static partial class NumberEndpoints
{
    public static void MapNumbers(this RouteGroupBuilder account)
    {
        account.MapGet("/AvailablePhoneNumbers/{country}/Local", (string country, HttpRequest request, EmulatorState state) => Search(country, tollFree: false, request, state))
            .WithName(EmulatorRoutes.NumberSearch);
        account.MapGet("/AvailablePhoneNumbers/{country}/TollFree", (string country, HttpRequest request, EmulatorState state) => Search(country, tollFree: true, request, state))
            .WithName(EmulatorRoutes.NumberSearch + ".tollfree");
        account.MapPost("/IncomingPhoneNumbers", BuyAsync).WithName(EmulatorRoutes.NumberBuy);
        account.MapGet("/IncomingPhoneNumbers", List).WithName(EmulatorRoutes.NumberList);
        account.MapGet("/IncomingPhoneNumbers/{sid}", Fetch).WithName("numbers.fetch");
        account.MapPost("/IncomingPhoneNumbers/{sid}", UpdateAsync).WithName(EmulatorRoutes.NumberUpdate);
    }

    private static IResult Search(string country, bool tollFree, HttpRequest request, EmulatorState state)
    {
        string? areaCode = request.Query["AreaCode"], contains = request.Query["Contains"], region = request.Query["InRegion"];
        if (!string.Equals(country, "US", StringComparison.OrdinalIgnoreCase))
        {
            return WireJson.Json(new { uri = request.Path.Value, available_phone_numbers = Array.Empty<object>() });
        }

        if (areaCode is not null && !AreaCode().IsMatch(areaCode))
        {
            return Errors.Standard(400, 21451, $"Invalid area code '{areaCode}'");
        }

        if (contains is not null && !ContainsPattern().IsMatch(contains))
        {
            return Errors.Standard(400, 90000, "Contains may only hold digits, letters and '*'");
        }

        if (request.Query.ContainsKey("InLocality") && region is null)
        {
            return Errors.Standard(400, 90000, "InLocality can only be used in combination with InRegion");
        }

        if (areaCode is not null && !tollFree)
        {
            state.StockAreaCode(areaCode);
        }

        var matcher = contains is null ? null : new Regex(Regex.Escape(Keypad(contains)).Replace("\\*", ".", StringComparison.Ordinal), RegexOptions.None, TimeSpan.FromSeconds(1));
        lock (state.Gate)
        {
            var found = state.ForSale
                .Where(a => a.TollFree == tollFree
                    && (areaCode is null || a.PhoneNumber.StartsWith("+1" + areaCode, StringComparison.Ordinal))
                    && (region is null || string.Equals(a.Region, region, StringComparison.OrdinalIgnoreCase))
                    && (matcher is null || matcher.IsMatch(a.PhoneNumber[2..])))
                .Take(20)
                .Select(Representations.Available)
                .ToList();
            return WireJson.Json(new { uri = request.Path.Value + request.QueryString, available_phone_numbers = found });
        }
    }

    private static async Task<IResult> BuyAsync(HttpRequest request, EmulatorState state)
    {
        var form = await FormReader.ReadAsync(request);
        var phoneNumber = form.Single("PhoneNumber");
        var areaCode = form.Single("AreaCode");
        if (phoneNumber is null && areaCode is null)
        {
            return Errors.Standard(400, 21421, "An area code or number must be provided");
        }

        if (phoneNumber is not null && !PhoneNumbers.IsE164(phoneNumber))
        {
            return Errors.Standard(400, 21401, $"'{phoneNumber}' is not a valid phone number");
        }

        if (areaCode is not null)
        {
            state.StockAreaCode(areaCode);
        }

        if (Validate(form) is { } invalid)
        {
            return invalid;
        }

        lock (state.Gate)
        {
            var offer = state.ForSale.FirstOrDefault(a => phoneNumber is not null
                ? a.PhoneNumber == phoneNumber
                : !a.TollFree && a.PhoneNumber.StartsWith("+1" + areaCode, StringComparison.Ordinal));
            if (offer is null)
            {
                // Not documented by SignalWire; Twilio's code for a number that is not for sale, which SignalWire mirrors.
                return Errors.Standard(400, 21422, $"Phone number {phoneNumber ?? "in area code " + areaCode} is not available");
            }

            state.ForSale.Remove(offer);
            var number = new NumberEntity { Sid = Guid.NewGuid().ToString(), PhoneNumber = offer.PhoneNumber, FriendlyName = offer.PhoneNumber };
            Apply(number, form);
            state.NumberEntities.Add(number);
            return WireJson.Json(Representations.Number(state.ProjectId, number), StatusCodes.Status201Created);
        }
    }

    private static IResult Fetch(string sid, EmulatorState state)
    {
        lock (state.Gate)
        {
            return state.NumberEntities.FirstOrDefault(n => n.Sid == sid) is { } number
                ? WireJson.Json(Representations.Number(state.ProjectId, number))
                : Errors.NotFound();
        }
    }

    private static async Task<IResult> UpdateAsync(string sid, HttpRequest request, EmulatorState state)
    {
        var form = await FormReader.ReadAsync(request);
        if (Validate(form) is { } invalid)
        {
            return invalid;
        }

        lock (state.Gate)
        {
            if (state.NumberEntities.FirstOrDefault(n => n.Sid == sid) is not { } number)
            {
                return Errors.NotFound();
            }

            Apply(number, form);
            number.DateUpdated = DateTimeOffset.UtcNow;
            return WireJson.Json(Representations.Number(state.ProjectId, number));
        }
    }

    private static IResult List(HttpRequest request, EmulatorState state)
    {
        string? prefix = request.Query["PhoneNumber"], friendlyName = request.Query["FriendlyName"];
        lock (state.Gate)
        {
            var matching = state.NumberEntities
                .Where(n => (prefix is null || n.PhoneNumber.StartsWith(prefix, StringComparison.Ordinal)) && (friendlyName is null || n.FriendlyName == friendlyName))
                .ToList();
            return Paging.Page(request, matching, n => n.Sid, "incoming_phone_numbers", n => Representations.Number(state.ProjectId, n));
        }
    }

    private static IResult? Validate(IFormCollection form)
    {
        foreach (var field in new[] { "VoiceUrl", "VoiceFallbackUrl", "StatusCallback", "SmsUrl", "SmsFallbackUrl" })
        {
            var value = form.Single(field);
            if (!string.IsNullOrEmpty(value) && !FormReader.IsHttpUrl(value))
            {
                return Errors.Standard(400, 21402, $"{field} '{value}' is not a valid URL");
            }
        }

        foreach (var field in new[] { "VoiceMethod", "SmsMethod", "StatusCallbackMethod" })
        {
            if (form.Single(field) is { } method && method is not ("GET" or "POST"))
            {
                return Errors.Standard(400, 10000, $"{field} must be GET or POST");
            }
        }

        return form.Single("FriendlyName")?.Length > 255 ? Errors.Standard(400, 10000, "FriendlyName must be 1 to 255 characters") : null;
    }

    private static void Apply(NumberEntity number, IFormCollection form)
    {
        number.FriendlyName = form.Single("FriendlyName") ?? number.FriendlyName;
        number.VoiceUrl = form.ContainsKey("VoiceUrl") ? form.Single("VoiceUrl") : number.VoiceUrl;
        number.VoiceMethod = form.Single("VoiceMethod") ?? number.VoiceMethod;
        number.VoiceFallbackUrl = form.ContainsKey("VoiceFallbackUrl") ? form.Single("VoiceFallbackUrl") : number.VoiceFallbackUrl;
        number.StatusCallback = form.ContainsKey("StatusCallback") ? form.Single("StatusCallback") : number.StatusCallback;
        number.StatusCallbackMethod = form.Single("StatusCallbackMethod") ?? number.StatusCallbackMethod;
        number.SmsUrl = form.ContainsKey("SmsUrl") ? form.Single("SmsUrl") : number.SmsUrl;
        number.SmsMethod = form.Single("SmsMethod") ?? number.SmsMethod;
        number.SmsFallbackUrl = form.ContainsKey("SmsFallbackUrl") ? form.Single("SmsFallbackUrl") : number.SmsFallbackUrl;
    }

    /// <summary>Letters in a Contains pattern stand for their keypad digits (e.g. 'CALL' = 2255).</summary>
    private static string Keypad(string pattern) => string.Concat(pattern.ToUpperInvariant().Select(c => c switch
    {
        >= 'A' and <= 'C' => '2', >= 'D' and <= 'F' => '3', >= 'G' and <= 'I' => '4', >= 'J' and <= 'L' => '5',
        >= 'M' and <= 'O' => '6', >= 'P' and <= 'S' => '7', >= 'T' and <= 'V' => '8', >= 'W' and <= 'Z' => '9',
        _ => c,
    }));

    [GeneratedRegex("^[2-9][0-9]{2}$")]
    private static partial Regex AreaCode();

    [GeneratedRegex("^[0-9a-zA-Z*]+$")]
    private static partial Regex ContainsPattern();
}
