namespace Receptionist.Api.Tenancy;

/// <summary>The request examples of the settings routes in the OpenAPI document.</summary>
internal static class SettingsExamples
{
    public const string Put = """
        {
          "businessName": "Bright Smile Dental",
          "timeZone": "America/New_York",
          "businessHours": {
            "week": [
              { "day": "monday", "opens": "09:00", "closes": "17:00" },
              { "day": "friday", "opens": "09:00", "closes": "13:00" }
            ],
            "holidays": ["2026-12-25"]
          },
          "callFlow": {
            "greeting": "Welcome to Bright Smile Dental.",
            "menuPrompt": "For appointments press 1 or say appointments. To leave a message press 2.",
            "afterHoursMessage": "Our office is closed.",
            "options": [
              { "digit": "1", "keywords": ["appointments"], "action": { "kind": "forward", "number": "+15005550155" } },
              { "digit": "2", "keywords": ["message"], "action": { "kind": "voicemail" } }
            ]
          },
          "sms": { "defaultReply": "Thanks for your text; we will reply soon.", "afterHoursReply": "We are closed; we will text you in the morning." },
          "screening": { "blocked": ["+15005550199", "+1900*"], "anonymousCallers": "voicemail" },
          "missedCallTextBack": { "enabled": true, "message": "Sorry we missed your call! Reply here and we will get back to you.", "repeatWindowHours": 24 },
          "notices": {
            "recording": { "enabled": true, "message": "This call may be recorded." },
            "aiDisclosure": { "enabled": true, "message": "You are speaking with Bright Smile's AI assistant." }
          }
        }
        """;

    public const string Patch = """
        {
          "callFlow": { "greeting": "Happy holidays from Bright Smile Dental." },
          "businessHours": { "holidays": ["2026-12-24", "2026-12-25"] },
          "sms": { "afterHoursReply": null }
        }
        """;
}
