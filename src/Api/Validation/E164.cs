using System.Text.RegularExpressions;

namespace Receptionist.Api.Validation;

/// <summary>ITU-T E.164 numbers as SignalWire writes them: '+', a non-zero country digit, at most 15 digits in all.</summary>
public static partial class E164
{
    public static bool IsValid(string? number) => number is not null && Pattern().IsMatch(number);

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
