using Microsoft.Extensions.Logging;
using System.Net;
using Receptionist.Grains.SignalWire.Models;
using Receptionist.Grains.SignalWire.Wire;

namespace Receptionist.Grains.SignalWire;

public sealed partial class SignalWireClient
{
    /// <summary>SignalWire's (Twilio-compatible) code for "that number is not available to buy".</summary>
    public const int NumberNotAvailableCode = 21422;

    /// <summary>Searches numbers to buy; the answer is one unpaged list.</summary>
    public async Task<IReadOnlyList<AvailablePhoneNumber>> SearchAvailableNumbersAsync(AvailableNumberQuery query, CancellationToken cancellationToken = default)
    {
        var filters = new FormBody().Add("AreaCode", query.AreaCode).Add("Contains", query.Contains).Add("InRegion", query.InRegion);
        var kind = query.Kind == AvailableNumberKind.TollFree ? "TollFree" : "Local";
        var uri = AccountUri($"AvailablePhoneNumbers/{Segment(query.IsoCountry)}/{kind}", filters.ToQueryString());
        using var document = await SendForJsonAsync(HttpMethod.Get, uri, null, "search available numbers", cancellationToken);
        return document.RootElement.TryGetProperty("available_phone_numbers", out var numbers)
            ? System.Text.Json.JsonSerializer.Deserialize<List<AvailablePhoneNumber>>(numbers, SignalWireJson.Options) ?? []
            : [];
    }

    /// <summary>Buys one number (a charge; never retried), optionally configuring its webhooks in the same request.</summary>
    public Task<IncomingPhoneNumber> BuyNumberAsync(string phoneNumber, NumberWebhooks? webhooks = null, CancellationToken cancellationToken = default)
    {
        var form = WebhookFields(new FormBody().Add("PhoneNumber", phoneNumber), webhooks);
        return SendAsync<IncomingPhoneNumber>(HttpMethod.Post, AccountUri("IncomingPhoneNumbers"), form, "buy a number", cancellationToken);
    }

    /// <summary>
    /// Buys the first local number available in an area code. Purchase by AreaCode is documented inconsistently, so this
    /// searches first and buys by PhoneNumber, moving on to the next candidate when one was taken in between.
    /// </summary>
    public async Task<IncomingPhoneNumber> BuyFirstAvailableAsync(string areaCode, NumberWebhooks? webhooks = null, CancellationToken cancellationToken = default)
    {
        var candidates = await SearchAvailableNumbersAsync(new AvailableNumberQuery { AreaCode = areaCode }, cancellationToken);
        foreach (var candidate in candidates.Take(3))
        {
            try
            {
                return await BuyNumberAsync(candidate.PhoneNumber, webhooks, cancellationToken);
            }
            catch (SignalWireException ex) when (ex.Code == NumberNotAvailableCode)
            {
                logger.LogInformation("SignalWire number {PhoneNumber} was taken before purchase; trying the next one", candidate.PhoneNumber);
            }
        }

        throw new SignalWireException(
            SignalWireFailureKind.Rejected, $"No phone number is available in area code {areaCode}.", HttpStatusCode.NotFound, NumberNotAvailableCode);
    }

    /// <summary>Changes an owned number's webhooks; fields left null keep their value.</summary>
    public Task<IncomingPhoneNumber> UpdateIncomingNumberAsync(string numberSid, NumberWebhooks webhooks, CancellationToken cancellationToken = default) =>
        SendAsync<IncomingPhoneNumber>(
            HttpMethod.Post, AccountUri("IncomingPhoneNumbers/" + Segment(numberSid)), WebhookFields(new FormBody(), webhooks), "update a number", cancellationToken);

    /// <summary>Every number the project owns (all pages), optionally those matching a number prefix such as <c>+1310</c>.</summary>
    public Task<IReadOnlyList<IncomingPhoneNumber>> ListIncomingNumbersAsync(string? phoneNumber = null, CancellationToken cancellationToken = default)
    {
        var filters = new FormBody().Add("PhoneNumber", phoneNumber).Add("PageSize", 1000);
        return ListAsync<IncomingPhoneNumber>(
            AccountUri("IncomingPhoneNumbers", filters.ToQueryString()), "incoming_phone_numbers", int.MaxValue, "list numbers", cancellationToken);
    }

    private static FormBody WebhookFields(FormBody form, NumberWebhooks? webhooks) => webhooks is null
        ? form
        : form.Add("FriendlyName", webhooks.FriendlyName)
            .Add("VoiceUrl", webhooks.VoiceUrl)
            .Add("VoiceMethod", webhooks.VoiceMethod)
            .Add("VoiceFallbackUrl", webhooks.VoiceFallbackUrl)
            .Add("StatusCallback", webhooks.StatusCallback)
            .Add("StatusCallbackMethod", webhooks.StatusCallbackMethod)
            .Add("SmsUrl", webhooks.SmsUrl)
            .Add("SmsMethod", webhooks.SmsMethod)
            .Add("SmsFallbackUrl", webhooks.SmsFallbackUrl);
}
