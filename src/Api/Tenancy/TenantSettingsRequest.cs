using Receptionist.Api.CallFlow;
using Receptionist.Api.Validation;
using Receptionist.Grains.Messaging;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.Tenancy;

/// <summary>The body of <c>PUT /api/tenant/settings</c> (and the result of applying a merge patch to the current settings).</summary>
public sealed record TenantSettingsRequest(
    string? BusinessName, string? TimeZone, CallFlowRequest? CallFlow = null, SmsSettingsRequest? Sms = null, BusinessHoursRequest? BusinessHours = null,
    CallerScreeningRequest? Screening = null, MissedCallTextBackRequest? MissedCallTextBack = null, CallNoticesRequest? Notices = null)
{
    public const int MaxBusinessNameLength = 200;

    public RequestValidator Validate()
    {
        var check = new RequestValidator()
            .Text("businessName", BusinessName, MaxBusinessNameLength)
            .Check(TimeZone is null || TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _), "timeZone", $"{RequestValidator.Quote(TimeZone ?? "")} is not a known IANA time zone.");
        BusinessHours?.Validate(check, "businessHours");
        CallFlow?.Validate(check, "callFlow");
        Sms?.Validate(check, "sms");
        Screening?.Validate(check, "screening");
        MissedCallTextBack?.Validate(check, "missedCallTextBack");
        Notices?.Validate(check, "notices");
        return check;
    }

    public TenantSettings ToSettings() => new()
    {
        BusinessName = BusinessName ?? "",
        TimeZone = TimeZone ?? "UTC",
        CallFlow = CallFlow?.ToSettings(),
        Sms = Sms?.ToSettings() ?? new SmsSettings(),
        BusinessHours = BusinessHours?.ToBusinessHours(TimeZone ?? "UTC"),
        Screening = Screening?.ToSettings() ?? new CallerScreening(),
        MissedCallTextBack = MissedCallTextBack?.ToSettings() ?? new MissedCallTextBack(),
        Notices = Notices?.ToSettings() ?? new CallNotices(),
    };
}
