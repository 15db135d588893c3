using System.Globalization;
using System.Text.RegularExpressions;

namespace Receptionist.Api.Webhooks;

/// <summary>SignalWire's webhook timestamps: RFC 2822, e.g. <c>Thu, 09 Nov 2023 14:40:55 +0000</c>.</summary>
public static partial class Rfc2822
{
    private static readonly string[] Formats = ["d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm zzz"];

    public static bool TryParse(string? value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma >= 0)
        {
            text = text[(comma + 1)..].Trim();
        }

        // .NET's zzz wants "+00:00"; RFC 2822 writes "+0000" (or the obsolete "GMT"/"UT").
        text = Zone().Replace(text, "$1:$2");
        if (text.EndsWith(" GMT", StringComparison.Ordinal) || text.EndsWith(" UT", StringComparison.Ordinal))
        {
            text = text[..text.LastIndexOf(' ')] + " +00:00";
        }

        return DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out timestamp);
    }

    [GeneratedRegex(@"([+-]\d{2})(\d{2})\z")]
    private static partial Regex Zone();
}
