using System.Text.RegularExpressions;

namespace SignalWire.Emulator;

internal static partial class PhoneNumbers
{
    public static bool IsE164(string? value) => value is not null && E164().IsMatch(value);

    /// <summary>Calls may also go to SIP addresses.</summary>
    public static bool IsDialable(string? value) => IsE164(value) || (value?.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) ?? false);

    [GeneratedRegex(@"^\+[1-9]\d{6,14}$")]
    private static partial Regex E164();
}
