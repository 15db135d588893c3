using System.Net;

namespace Receptionist.Grains.SignalWire;

/// <summary>How a SignalWire request failed, which decides what the caller answers (4xx, 502, 504, 503).</summary>
[GenerateSerializer, Alias("signalwire-failure-kind")]
public enum SignalWireFailureKind
{
    /// <summary>SignalWire refused the request (4xx) with a code and message worth passing on.</summary>
    Rejected,

    /// <summary>SignalWire answered 5xx, an unreadable body, or could not be reached.</summary>
    Upstream,

    /// <summary>No answer within the configured timeout.</summary>
    Timeout,

    /// <summary>The SignalWire section is not configured on this deployment.</summary>
    NotConfigured,
}

/// <summary>
/// Every failure of <see cref="SignalWireClient"/>. Both of SignalWire's error bodies (<c>{code,message,more_info,status}</c>
/// and <c>{"errors":[{code,message,more_info}]}</c>) end up here with the same fields. It lives beside the grain
/// interfaces because grains throw it to the API, which maps it to a problem in one place.
/// </summary>
[GenerateSerializer, Alias("signalwire-exception")]
public sealed class SignalWireException : Exception
{
    public SignalWireException(SignalWireFailureKind kind, string message, HttpStatusCode? statusCode = null, int? code = null, string? moreInfo = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        StatusCode = statusCode;
        Code = code;
        MoreInfo = moreInfo;
    }

    public SignalWireException()
        : this(SignalWireFailureKind.Upstream, "SignalWire request failed.")
    {
    }

    public SignalWireException(string message)
        : this(SignalWireFailureKind.Upstream, message)
    {
    }

    public SignalWireException(string message, Exception innerException)
        : this(SignalWireFailureKind.Upstream, message, innerException: innerException)
    {
    }

    [Id(0)]
    public SignalWireFailureKind Kind { get; private set; }

    /// <summary>The HTTP status SignalWire answered, when it answered.</summary>
    [Id(1)]
    public HttpStatusCode? StatusCode { get; private set; }

    /// <summary>SignalWire's error code (e.g. 21211), when the body carried one.</summary>
    [Id(2)]
    public int? Code { get; private set; }

    [Id(3)]
    public string? MoreInfo { get; private set; }

    public static SignalWireException NotConfigured() =>
        new(SignalWireFailureKind.NotConfigured, "SignalWire is not configured");
}
