using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Api;

/// <summary>The JSON SignalWire returns for each resource (snake_case, RFC 2822 dates, relative <c>uri</c>s ending in .json).</summary>
internal static class Representations
{
    public const string ApiVersion = "2010-04-01";

    public static string AccountPath(string projectId) => $"/api/laml/{ApiVersion}/Accounts/{projectId}";

    public static object Account(string projectId) => new
    {
        sid = projectId,
        friendly_name = "Emulated project",
        status = "active",
        type = "Full",
        date_created = Rfc2822.Format(DateTimeOffset.UnixEpoch),
        date_updated = Rfc2822.Format(DateTimeOffset.UnixEpoch),
        uri = AccountPath(projectId) + ".json",
        subresource_uris = new
        {
            calls = AccountPath(projectId) + "/Calls.json",
            messages = AccountPath(projectId) + "/Messages.json",
            incoming_phone_numbers = AccountPath(projectId) + "/IncomingPhoneNumbers.json",
        },
    };

    public static object Call(string projectId, CallEntity c) => new
    {
        sid = c.Sid,
        account_sid = projectId,
        parent_call_sid = (string?)null,
        date_created = Rfc2822.Format(c.DateCreated),
        date_updated = Rfc2822.Format(c.DateUpdated),
        start_time = Rfc2822.Format(c.StartTime),
        end_time = Rfc2822.Format(c.EndTime),
        to = c.To,
        to_formatted = c.To,
        from = c.From,
        from_formatted = c.From,
        phone_number_sid = (string?)null,
        status = c.Status,
        direction = c.Direction == "inbound" ? "inbound" : "outbound",
        duration = c.Duration,
        price = c.Price,
        price_unit = "USD",
        answered_by = c.AnsweredBy,
        api_version = ApiVersion,
        forwarded_from = (string?)null,
        caller_name = (string?)null,
        annotation = (string?)null,
        group_sid = (string?)null,
        uri = $"{AccountPath(projectId)}/Calls/{c.Sid}.json",
        subresource_uris = new { notifications = (string?)null, recordings = $"{AccountPath(projectId)}/Calls/{c.Sid}/Recordings.json" },
    };

    public static object Message(string projectId, MessageEntity m) => new
    {
        sid = m.Sid,
        account_sid = projectId,
        api_version = ApiVersion,
        messaging_service_sid = (string?)null,
        body = m.Body,
        num_segments = m.NumSegments,
        num_media = m.MediaUrls.Count,
        date_created = Rfc2822.Format(m.DateCreated),
        date_sent = Rfc2822.Format(m.DateSent),
        date_updated = Rfc2822.Format(m.DateUpdated),
        direction = m.Direction,
        error_code = m.ErrorCode,
        error_message = m.ErrorMessage,
        from = m.From,
        to = m.To,
        price = m.DateSent is null ? (decimal?)null : 0.005m * m.NumSegments,
        price_unit = "USD",
        status = m.Status,
        uri = $"{AccountPath(projectId)}/Messages/{m.Sid}.json",
        subresource_uris = new { media = $"{AccountPath(projectId)}/Messages/{m.Sid}/Media.json" },
    };

    public static object Number(string projectId, NumberEntity n) => new
    {
        sid = n.Sid,
        account_sid = projectId,
        account_id = projectId,
        api_version = ApiVersion,
        phone_number = n.PhoneNumber,
        friendly_name = n.FriendlyName,
        country_code = "US",
        origin = "signalwire",
        beta = false,
        capabilities = new { voice = true, sms = true, mms = true, fax = true },
        voice_url = n.VoiceUrl,
        voice_method = n.VoiceMethod,
        voice_fallback_url = n.VoiceFallbackUrl,
        voice_fallback_method = "POST",
        voice_application_sid = (string?)null,
        voice_caller_id_lookup = false,
        sms_url = n.SmsUrl,
        sms_method = n.SmsMethod,
        sms_fallback_url = n.SmsFallbackUrl,
        sms_fallback_method = "POST",
        sms_application_sid = (string?)null,
        status_callback = n.StatusCallback,
        status_callback_method = n.StatusCallbackMethod,
        emergency_address_sid = (string?)null,
        emergency_status = "Inactive",
        address_requirements = "none",
        address_sid = (string?)null,
        identity_sid = (string?)null,
        trunk_sid = (string?)null,
        date_created = Rfc2822.Format(n.DateCreated),
        date_updated = Rfc2822.Format(n.DateUpdated),
        uri = $"{AccountPath(projectId)}/IncomingPhoneNumbers/{n.Sid}.json",
    };

    public static object Available(AvailableNumber a) => new
    {
        friendly_name = a.TollFree ? a.PhoneNumber : $"({a.PhoneNumber[2..5]}) {a.PhoneNumber[5..8]}-{a.PhoneNumber[8..]}",
        phone_number = a.PhoneNumber,
        rate_center = a.TollFree ? null : a.RateCenter,
        region = a.TollFree ? null : a.Region,
        iso_country = "US",
        beta = false,
        lata = (string?)null,
        locality = (string?)null,
        latitude = (string?)null,
        longitude = (string?)null,
        postal_code = (string?)null,
        capabilities = new { voice = true, SMS = true, MMS = true },
    };

    public static object Recording(string projectId, RecordingEntity r) => new
    {
        sid = r.Sid,
        account_sid = projectId,
        api_version = ApiVersion,
        call_sid = r.CallSid,
        conference_sid = (string?)null,
        channel = "1",
        channels = "1",
        date_created = Rfc2822.Format(r.DateCreated),
        date_updated = Rfc2822.Format(r.DateCreated),
        start_time = Rfc2822.Format(r.StartTime),
        end_time = Rfc2822.Format(r.StartTime.AddSeconds(r.Duration)),
        duration = r.Duration,
        price = "-0.0025",
        price_unit = "USD",
        source = r.Source,
        status = "completed",
        error_code = (string?)null,
        encryption_details = (string?)null,
        trim = "trim-silence",
        uri = $"{AccountPath(projectId)}/Recordings/{r.Sid}.json",
        subresource_uris = new { transcriptions = $"{AccountPath(projectId)}/Recordings/{r.Sid}/Transcriptions.json" },
    };
}
