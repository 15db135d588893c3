namespace Receptionist.Grains.Tenancy;

/// <summary>
/// Whether a <c>From</c> is a withheld caller ID: empty, a word instead of a number (<c>anonymous</c>,
/// <c>restricted</c>, <c>private</c>, <c>unknown</c>, <c>unavailable</c>), an anonymous SIP URI, or one of the
/// placeholder numbers carriers put in place of a withheld one (the ones Twilio-compatible APIs document).
/// </summary>
public static class WithheldNumbers
{
    private static readonly HashSet<string> Placeholders = new(StringComparer.Ordinal)
    {
        "+266696687", "+7378742833", "+2562533", "+8656696", "+86282452253",
    };

    private static readonly string[] Words = ["anonymous", "restricted", "private", "unknown", "unavailable", "withheld"];

    public static bool IsWithheld(string? from)
    {
        if (string.IsNullOrWhiteSpace(from))
        {
            return true;
        }

        var value = from.Trim();
        if (Placeholders.Contains(value))
        {
            return true;
        }

        if (value.StartsWith("sip:", StringComparison.OrdinalIgnoreCase))
        {
            var user = value[4..].Split('@')[0];
            return Words.Contains(user, StringComparer.OrdinalIgnoreCase);
        }

        return !value.TrimStart('+').All(char.IsAsciiDigit) || value.TrimStart('+').Length == 0;
    }
}
