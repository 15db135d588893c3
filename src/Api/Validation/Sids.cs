using System.Text.RegularExpressions;

namespace Receptionist.Api.Validation;

/// <summary>
/// The one check of a SignalWire SID (call, message, recording): SignalWire's are UUIDs, Twilio-style ones letters and
/// digits. Either way no separator that could reach into a grain key or a log line.
/// </summary>
public static partial class Sids
{
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex(@"^[A-Za-z0-9-]{1,64}\z")]
    private static partial Regex Pattern();
}
