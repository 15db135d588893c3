using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Receptionist.Grains.Messaging;

namespace Receptionist.Api.SignalWire;

/// <summary>
/// What a caller sees when SignalWire did not do what we asked: its refusals as 4xx with its own code and message
/// (except a refusal of our credentials, which is our fault, not the caller's: 502), 5xx and unreachable as 502, no
/// answer in time as 504, and no SignalWire configuration as 503.
/// </summary>
public static class SignalWireProblems
{
    public static ProblemHttpResult For(SendFailure failure) => failure.Kind switch
    {
        SendFailureKind.NotConfigured => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, type: ApiProblems.Unavailable,
            title: "SignalWire is not configured", detail: "This deployment has no SignalWire credentials, so it cannot send messages."),
        SendFailureKind.Timeout => Problem(StatusCodes.Status504GatewayTimeout, ApiProblems.SignalWireTimeout, "SignalWire did not answer in time", failure),
        SendFailureKind.Rejected when failure.HttpStatus is >= 400 and < 500 and not (401 or 403) =>
            Problem(failure.HttpStatus.Value, ApiProblems.SignalWireRejected, "SignalWire rejected the request", failure),
        _ => Problem(StatusCodes.Status502BadGateway, ApiProblems.SignalWireFailed, "SignalWire failed", failure),
    };

    private static ProblemHttpResult Problem(int status, string type, string title, SendFailure failure) =>
        TypedResults.Problem(statusCode: status, type: type, title: title, detail: failure.Message, extensions: new Dictionary<string, object?>
        {
            ["signalWireStatus"] = failure.HttpStatus,
            ["signalWireCode"] = failure.Code,
            ["moreInfo"] = failure.MoreInfo,
        });
}
