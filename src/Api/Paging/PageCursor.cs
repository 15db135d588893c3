using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Receptionist.Api.Paging;

/// <summary>
/// The opaque cursor of the newest-first logs (calls, messages): the last item's creation instant and SID, so the next
/// page starts strictly after it whatever was added meanwhile.
/// </summary>
public static class PageCursor
{
    public static string Encode(DateTimeOffset createdAt, string sid) =>
        WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{sid}"));

    /// <summary>The instant and SID a cursor of ours holds, or null for anything else.</summary>
    public static (DateTimeOffset CreatedAt, string Sid)? Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return bar > 0 && long.TryParse(text[..bar], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks && bar < text.Length - 1
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
