using System.Text.Json.Nodes;
using CsCheck;

namespace Receptionist.Tests.Hardening.Corpus;

/// <summary>The building blocks of the bad-input corpus: texts and JSON values real clients get wrong, or attackers try.</summary>
public static class BadValues
{
    private static readonly string[] Plausible =
    [
        "+15005550100", "+15557770009", "acme", "day", "number", "completed", "in-progress", "ringing", "inbound", "outbound",
        "2026-03-02", "2026-03-02T10:00:00Z", "https://media.example.com/a.png", "America/New_York", "monday", "09:00", "17:00",
        "6bfbbe86-a901-4197-8759-2a0de1fa319d", "STOP", "hello", "1", "0", "415", "CA", "local", "tollfree",
    ];

    private static readonly string[] Boundaries =
    [
        "0001-01-01", "9999-12-31", "0001-01-01T00:00:00-14:00", "9999-12-31T23:59:59.9999999+14:00", "2026-02-30", "2026-13-01",
        "24:00", "23:60", "-1", "0", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e309", "-1e309", "NaN",
        "Infinity", "-0", "0x10", "1,5", "\u0661\u0662", "", " ", "null", "true", "[]", "{}",
    ];

    private static readonly string[] Hostile =
    [
        "+15557770009\n", "+15557770009\r\n", " +15557770009", "acme\u0000", "Acme\u0001", "\u202eevil", "日本語の会社", "Café ☕",
        "😀😀😀", "\ud800", "\udfff", "<Response><Dial>+1900</Dial></Response>", "]]>", "&amp;&#0;", "' OR 1=1 --",
        "../../etc/passwd", "%00", "%ZZ", "{{tenant}}", "${jndi:x}", "\\", "\"", "tenant/acme", "call/x", "a+b", "+",
    ];

    /// <summary>Any text: plausible, at a boundary, hostile, with control characters, very long, or CsCheck's arbitrary strings.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (3, Gen.OneOf(Plausible)),
        (4, Gen.OneOf(Boundaries)),
        (4, Gen.OneOf(Hostile)),
        (2, Gen.Select(Gen.OneOf(Plausible), Gen.Char['\0', '\u001f'].Array[1, 3], (text, controls) => text + new string(controls))),
        (1, Gen.Select(Gen.Int[300, 70_000], Gen.Char['!', '~'], (length, c) => new string(c, length))),
        (2, Gen.String));

    /// <summary>Texts that survive URL and form encoding (no lone surrogates, which no client can send).</summary>
    public static readonly Gen<string> WireText = Text.Select(t => t.Replace('\ud800', '\ufffd').Replace('\udfff', '\ufffd'));

    private static readonly JsonNode?[] Numbers =
    [
        JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(int.MaxValue), JsonValue.Create(int.MinValue), JsonValue.Create(long.MaxValue),
        JsonValue.Create(1e308), JsonValue.Create(-1e308), JsonValue.Create(4.9e-324), JsonValue.Create(0.5), JsonValue.Create(decimal.MaxValue),
        JsonNode.Parse("2147483648"), JsonNode.Parse("-9223372036854775809"), JsonNode.Parse("1e400"), JsonNode.Parse("123456789012345678901234567890"),
    ];

    public static readonly Gen<JsonNode?> Number = Gen.OneOf(Numbers).Select(n => n?.DeepClone());

    /// <summary>A value of any JSON kind, to put where the schema wants another.</summary>
    public static readonly Gen<JsonNode?> AnyKind = Gen.Frequency(
        (3, Text.Select(t => (JsonNode?)JsonValue.Create(t))),
        (2, Number),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const((JsonNode?)null)),
        (1, Gen.Const(() => (JsonNode?)new JsonObject { ["unexpected"] = new JsonArray(null, 1, "x") })),
        (1, Gen.Const(() => (JsonNode?)new JsonArray(JsonValue.Create("x"), null, new JsonObject()))));
}
