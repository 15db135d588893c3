using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Receptionist.Api.Validation;

/// <summary>
/// Collects field errors of a request body before any grain is called, and turns them into the API's one
/// validation problem (400, type <see cref="ApiProblems.Validation"/>, <c>errors</c> keyed by camelCase field).
/// <code>
/// var check = new RequestValidator().Required("to", body.To).E164("to", body.To).MaxLength("body", body.Body, 1600);
/// if (check.Problem() is { } problem) return problem;
/// </code>
/// </summary>
public sealed class RequestValidator
{
    /// <summary>
    /// At most this many messages are kept (the rest are counted): a request's error output stays small whatever its
    /// size, as does the work of building it.
    /// </summary>
    public const int MaxErrors = 20;

    /// <summary>Longest stretch of a client's value quoted back in a message.</summary>
    public const int MaxQuotedLength = 40;

    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);
    private int kept;
    private int dropped;

    public bool IsValid => errors.Count == 0 && dropped == 0;

    public RequestValidator Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "Required.");
        }

        return this;
    }

    public RequestValidator Required<T>(string field, T? value)
        where T : struct =>
        value.HasValue ? this : Add(field, "Required.");

    /// <summary>Checks an E.164 number when present; combine with <see cref="Required(string, string?)"/> when it must be.</summary>
    public RequestValidator E164(string field, string? value) =>
        value is null || Validation.E164.IsValid(value) ? this : Add(field, $"{Quote(value)} is not an E.164 number (like +15551234567).");

    /// <summary>Checks a SignalWire SID when present (see <see cref="Sids"/>).</summary>
    public RequestValidator Sid(string field, string? value) =>
        value is null || Sids.IsValid(value) ? this : Add(field, "Not a valid SID.");

    public RequestValidator MaxLength(string field, string? value, int max) =>
        value is null || value.Length <= max ? this : Add(field, $"At most {max} characters.");

    /// <summary>
    /// Text a person wrote (a name, a prompt, a reply): at most <paramref name="max"/> characters and no control
    /// characters, which no caller could hear or read and which XML (cXML) cannot carry. Line breaks and tabs pass
    /// only where <paramref name="multiline"/>.
    /// </summary>
    public RequestValidator Text(string field, string? value, int max, bool multiline = false)
    {
        if (value is null)
        {
            return this;
        }

        if (value.Length > max)
        {
            return Add(field, $"At most {max} characters.");
        }

        return PlainText.FirstInvalid(value, multiline) is { } at
            ? Add(field, $"Contains a control or non-character (U+{(int)value[at]:X4} at position {at}).")
            : this;
    }

    public RequestValidator Range(string field, int? value, int min, int max) =>
        value is null || (value >= min && value <= max) ? this : Add(field, $"Must be between {min} and {max}.");

    public RequestValidator AbsoluteHttpUrl(string field, string? value) =>
        value is null || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
            ? this
            : Add(field, $"{Quote(value)} is not an absolute http(s) URL.");

    public RequestValidator OneOf(string field, string? value, params string[] allowed) =>
        value is null || allowed.Contains(value, StringComparer.Ordinal) ? this : Add(field, $"Must be one of: {string.Join(", ", allowed)}.");

    /// <summary>Records a rule the helpers above do not cover.</summary>
    public RequestValidator Check(bool valid, string field, string message) => valid ? this : Add(field, message);

    public RequestValidator Add(string field, string message)
    {
        if (kept == MaxErrors)
        {
            dropped++;
            return this;
        }

        if (!errors.TryGetValue(field, out var messages))
        {
            errors[field] = messages = [];
        }

        messages.Add(message);
        kept++;
        return this;
    }

    /// <summary>The messages by field; when some were dropped, the key <c>""</c> says how many.</summary>
    public IDictionary<string, string[]> Errors
    {
        get
        {
            var all = errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
            if (dropped > 0)
            {
                all[""] = [$"More errors were not listed: {dropped} beyond the first {MaxErrors}."];
            }

            return all;
        }
    }

    /// <summary>A client's value for a message: quoted, and cut short when long.</summary>
    public static string Quote(string value) =>
        value.Length <= MaxQuotedLength ? $"'{value}'" : $"'{value[..MaxQuotedLength]}...' ({value.Length} characters)";

    /// <summary>The 400 problem to return, or null when every check passed.</summary>
    public ValidationProblem? Problem(string title = "The request is invalid.") => IsValid ? null : ToProblem(Errors, title);

    public static ValidationProblem ToProblem(IDictionary<string, string[]> errors, string title = "The request is invalid.") =>
        TypedResults.ValidationProblem(errors, title: title, type: ApiProblems.Validation);
}
