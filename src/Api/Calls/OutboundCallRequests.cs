using Receptionist.Api.Validation;

namespace Receptionist.Api.Calls;

/// <summary>The body of <c>POST /api/signalwire/call/outbound</c>; without <see cref="Url"/> the call runs the tenant's own flow.</summary>
public sealed record OutboundCallRequest(string? To, string? From, string? Url, bool? Record, string? MachineDetection, int? TimeoutSeconds)
{
    public RequestValidator Validate() => new RequestValidator()
        .Required("to", To).E164("to", To)
        .Required("from", From).E164("from", From)
        .AbsoluteHttpUrl("url", Url)
        .OneOf("machineDetection", MachineDetection, "Enable", "DetectMessageEnd")
        .Range("timeoutSeconds", TimeoutSeconds, 1, 600);
}

/// <summary>The body of <c>PATCH /api/signalwire/call/{callSid}</c>: either a status (hang up, cancel) or a redirect URL.</summary>
public sealed record CallUpdateRequest(string? Status, string? Url)
{
    public RequestValidator Validate() => new RequestValidator()
        .Check(Status is not null ^ Url is not null, "status", "Give either status (completed or canceled) or url, not both.")
        .OneOf("status", Status, "completed", "canceled")
        .AbsoluteHttpUrl("url", Url);
}
