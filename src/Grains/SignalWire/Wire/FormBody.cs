using System.Globalization;

namespace Receptionist.Grains.SignalWire.Wire;

/// <summary>A form body in SignalWire's PascalCase names; arrays repeat the key (<c>StatusCallbackEvent=a&amp;StatusCallbackEvent=b</c>).</summary>
internal sealed class FormBody
{
    private readonly List<KeyValuePair<string, string>> fields = [];

    public FormBody Add(string name, string? value)
    {
        if (value is not null)
        {
            fields.Add(new(name, value));
        }

        return this;
    }

    public FormBody Add(string name, Uri? value) => Add(name, value?.AbsoluteUri);

    public FormBody Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public FormBody Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public FormBody AddEach(string name, IEnumerable<string>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(name, value);
        }

        return this;
    }

    public FormUrlEncodedContent ToContent() => new(fields);

    /// <summary>The same pairs as a query string, for GET filters.</summary>
    public string ToQueryString()
    {
        if (fields.Count == 0)
        {
            return string.Empty;
        }

        return "?" + string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
    }
}
