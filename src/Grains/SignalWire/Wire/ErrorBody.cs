using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Receptionist.Grains.SignalWire.Wire;

/// <summary>
/// Reads both of SignalWire's error bodies: the usual <c>{code,message,more_info,status}</c> and create-call's
/// <c>{"errors":[{code:"21211",message,more_info}]}</c> (string code), plus the <c>{"errors":["text"]}</c> some 422s use.
/// </summary>
internal static class ErrorBody
{
    public static SignalWireException ToException(HttpStatusCode status, string body, string operation)
    {
        var kind = (int)status >= 500 ? SignalWireFailureKind.Upstream : SignalWireFailureKind.Rejected;
        var (code, message, moreInfo) = Parse(body);
        message ??= (int)status >= 500
            ? $"SignalWire failed to {operation} ({(int)status})."
            : $"SignalWire rejected the request to {operation} ({(int)status}).";
        return new SignalWireException(kind, message, status, code, moreInfo);
    }

    private static (int? Code, string? Message, string? MoreInfo) Parse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null, null);
            }

            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                return first.ValueKind == JsonValueKind.Object ? Read(first) : (null, first.ToString(), null);
            }

            return Read(root);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private static (int? Code, string? Message, string? MoreInfo) Read(JsonElement error) =>
        (ReadCode(error), ReadString(error, "message"), ReadString(error, "more_info"));

    private static int? ReadCode(JsonElement error)
    {
        if (!error.TryGetProperty("code", out var code))
        {
            return null;
        }

        return code.ValueKind switch
        {
            JsonValueKind.Number when code.TryGetInt32(out var number) => number,
            JsonValueKind.String when int.TryParse(code.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    private static string? ReadString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
