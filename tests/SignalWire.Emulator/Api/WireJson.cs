using System.Text.Json;

namespace SignalWire.Emulator.Api;

/// <summary>Responses are written with their snake_case names exactly as given.</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = null };

    public static IResult Json(object body, int status = StatusCodes.Status200OK) => Results.Json(body, Options, statusCode: status);
}
