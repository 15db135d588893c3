namespace Receptionist.Api.Auth;

/// <summary>Every permission a private route may require, and what each role is granted.</summary>
public static class Permissions
{
    public const string CallsCreate = "calls:create";
    public const string CallsRead = "calls:read";
    public const string SmsCreate = "sms:create";
    public const string SmsRead = "sms:read";
    public const string PhoneNumbersCreate = "phone_numbers:create";
    public const string PhoneNumbersRead = "phone_numbers:read";
    public const string RecordingsRead = "recordings:read";
    public const string AnalyticsRead = "analytics:read";
    public const string SettingsRead = "settings:read";
    public const string SettingsWrite = "settings:write";
    public const string SystemRead = "system:read";

    public static readonly IReadOnlyList<string> All =
    [
        CallsCreate, CallsRead, SmsCreate, SmsRead, PhoneNumbersCreate, PhoneNumbersRead,
        RecordingsRead, AnalyticsRead, SettingsRead, SettingsWrite, SystemRead,
    ];

    /// <summary>The one table that maps a token's <c>role</c> claim to permissions.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ByRole =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["owner"] = All,
            ["admin"] = All.Where(p => p != SystemRead).ToArray(),
            ["agent"] = [CallsCreate, CallsRead, SmsCreate, SmsRead, PhoneNumbersRead, RecordingsRead, SettingsRead],
            ["viewer"] = [CallsRead, SmsRead, PhoneNumbersRead, AnalyticsRead, SettingsRead],
        };
}
