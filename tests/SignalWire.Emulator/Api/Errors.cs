using System.Globalization;

namespace SignalWire.Emulator.Api;

/// <summary>SignalWire's two error bodies.</summary>
internal static class Errors
{
    private const string MoreInfo = "https://developer.signalwire.com/compatibility-api/reference/error-codes";

    /// <summary><c>{code,message,more_info,status}</c>, the usual shape.</summary>
    public static IResult Standard(int status, int code, string message) =>
        WireJson.Json(new { code, message, more_info = MoreInfo, status }, status);

    /// <summary><c>{"errors":[{code,message,more_info}]}</c> with a string code, as create-call's 400s look.</summary>
    public static IResult ErrorsArray(int status, int code, string message) =>
        WireJson.Json(new { errors = new[] { new { code = code.ToString(CultureInfo.InvariantCulture), message, more_info = MoreInfo } } }, status);

    public static IResult NotFound() => Standard(StatusCodes.Status404NotFound, 20404, "The requested resource was not found");
}
