using Microsoft.Extensions.Primitives;

namespace SignalWire.Emulator.Api;

internal static class FormReader
{
    /// <summary>The form fields, or none when the body is not a form (SignalWire then sees every field as missing).</summary>
    public static async Task<IFormCollection> ReadAsync(HttpRequest request) =>
        request.HasFormContentType ? await request.ReadFormAsync() : new FormCollection(new Dictionary<string, StringValues>());

    public static string? Single(this IFormCollection form, string key) =>
        form.TryGetValue(key, out var values) && !StringValues.IsNullOrEmpty(values) ? values.ToString() : null;

    public static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
