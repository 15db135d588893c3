namespace Receptionist.Grains.Messaging;

public enum ComplianceKeyword
{
    None,
    OptOut,
    OptIn,
    Help,
}

/// <summary>
/// The carrier-mandated keywords. Like carriers and SignalWire/Twilio, a text is a keyword only when it is nothing but
/// the keyword (any case, surrounding spaces and trailing punctuation ignored): "stop" opts out, "don't stop" does not.
/// </summary>
public static class ComplianceKeywords
{
    public static readonly IReadOnlyList<string> OptOutWords = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"];
    public static readonly IReadOnlyList<string> OptInWords = ["START", "UNSTOP"];
    public static readonly IReadOnlyList<string> HelpWords = ["HELP"];

    /// <summary>Every word a tenant's own keyword rules may not use.</summary>
    public static IEnumerable<string> Reserved => OptOutWords.Concat(OptInWords).Concat(HelpWords);

    public static (ComplianceKeyword Kind, string Word) Parse(string? body)
    {
        var word = Normalize(body);
        if (OptOutWords.Contains(word))
        {
            return (ComplianceKeyword.OptOut, word);
        }

        if (OptInWords.Contains(word))
        {
            return (ComplianceKeyword.OptIn, word);
        }

        return HelpWords.Contains(word) ? (ComplianceKeyword.Help, word) : (ComplianceKeyword.None, word);
    }

    public static bool IsReserved(string keyword) => Reserved.Contains(Normalize(keyword));

    private static string Normalize(string? body) =>
        (body ?? "").Trim().TrimEnd('.', '!', '?', ',', ';').Trim().ToUpperInvariant();
}
