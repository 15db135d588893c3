using Receptionist.Api.CallFlow;
using Receptionist.Api.Validation;
using Receptionist.Grains.Messaging;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.Tenancy;

/// <summary>The body of <c>PUT /api/tenant/settings</c>.</summary>
public sealed record TenantSettingsRequest(
    string? BusinessName, string? TimeZone, CallFlowRequest? CallFlow = null, SmsSettingsRequest? Sms = null, BusinessHoursRequest? BusinessHours = null)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (BusinessName is { Length: > 200 })
        {
            errors["businessName"] = ["At most 200 characters."];
        }

        if (TimeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            errors["timeZone"] = [$"'{TimeZone}' is not a known IANA time zone."];
        }

        var callFlow = new RequestValidator();
        CallFlow?.Validate(callFlow, "callFlow");
        foreach (var (field, messages) in callFlow.Errors)
        {
            errors[field] = messages;
        }

        Sms?.Validate(errors);
        BusinessHours?.Validate(errors);
        return errors;
    }

    public TenantSettings ToSettings() => new()
    {
        BusinessName = BusinessName ?? "",
        TimeZone = TimeZone ?? "UTC",
        CallFlow = CallFlow?.ToSettings(),
        Sms = Sms?.ToSettings() ?? new SmsSettings(),
        BusinessHours = BusinessHours?.ToBusinessHours(TimeZone ?? "UTC"),
    };
}
