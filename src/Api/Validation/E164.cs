using System.Text.RegularExpressions;

namespace Receptionist.Api.Validation;

/// <summary>
/// ITU-T E.164 numbers as SignalWire writes them: '+', a non-zero country digit, at most 15 digits in all. This is the
/// one canonical form every lookup (opt-outs, number owners) is keyed by, so a value is accepted only when it already
/// is exactly that form: nothing is trimmed, and the pattern ends at <c>\z</c> because <c>$</c> also matches before a
/// final newline (<c>"+15557770009\n"</c> would pass yet miss the opt-out of <c>+15557770009</c>).
/// </summary>
public static partial class E164
{
    public static bool IsValid(string? number) => number is not null && Pattern().IsMatch(number);

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
