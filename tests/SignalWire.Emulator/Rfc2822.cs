using System.Globalization;

namespace SignalWire.Emulator;

/// <summary>SignalWire writes every date like <c>Wed, 19 Sep 2018 20:00:00 +0000</c>.</summary>
public static class Rfc2822
{
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? value) => value is { } v ? Format(v) : null;
}
