namespace Receptionist.Tests.Ivr;

/// <summary>Call flows as a tenant's app would PUT them.</summary>
public static class Flows
{
    public const string SalesNumber = "+15005550155";

    /// <summary>A dental clinic: sales (forward), hours (information), voicemail, a text with a link; open all week.</summary>
    public static object Clinic(string tenantNumber, object? businessHours = null, int maxRetries = 2, object? fallback = null,
        string greeting = "Welcome to Bright Smile Dental.", bool afterHoursVoicemail = true, object? aiAgent = null) => new
    {
        businessName = "Bright Smile Dental",
        timeZone = "America/New_York",
        businessHours = businessHours ?? AlwaysOpen,
        callFlow = new
        {
            greeting,
            menuPrompt = "For appointments press 1 or say appointments. For opening hours press 2. To leave a message press 3. For a link to our forms press 4.",
            reprompt = "Sorry, I didn't catch that.",
            voice = "Polly.Joanna",
            language = "en-US",
            afterHoursMessage = "Our office is closed.",
            afterHoursVoicemail,
            maxRetries,
            fallback,
            aiAgent,
            options = new object[]
            {
                new
                {
                    digit = "1", keywords = new[] { "appointments", "book a visit", "sales" },
                    action = new { kind = "forward", number = SalesNumber, callerId = tenantNumber, ringTimeoutSeconds = 15, voicemailOnNoAnswer = true },
                },
                new { digit = "2", keywords = new[] { "opening hours", "hours" }, action = new { kind = "say", message = "We are open nine to five." } },
                new { digit = "3", keywords = new[] { "message", "voicemail" }, action = new { kind = "voicemail", maxRecordingSeconds = 60 } },
                new { digit = "4", keywords = new[] { "forms", "link" }, action = new { kind = "sms", message = "Our forms: https://example.com/forms" } },
            },
        },
    };

    public static object AlwaysOpen { get; } = new
    {
        timeZone = "America/New_York",
        week = Enum.GetNames<DayOfWeek>().Select(d => new { day = d.ToLowerInvariant(), opens = "00:00", closes = "00:00" }).ToArray(),
        holidays = Array.Empty<string>(),
    };

    /// <summary>Open every day, but today (and the days around it, whatever the test machine's zone) are holidays.</summary>
    public static object ClosedToday { get; } = new
    {
        timeZone = "America/New_York",
        week = Enum.GetNames<DayOfWeek>().Select(d => new { day = d.ToLowerInvariant(), opens = "00:00", closes = "00:00" }).ToArray(),
        holidays = Enumerable.Range(-1, 3).Select(d => DateOnly.FromDateTime(DateTime.UtcNow.AddDays(d)).ToString("yyyy-MM-dd")).ToArray(),
    };
}
