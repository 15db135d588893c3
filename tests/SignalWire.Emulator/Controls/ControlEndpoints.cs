using SignalWire.Emulator.State;

namespace SignalWire.Emulator.Controls;

/// <summary>
/// A small HTTP surface over <see cref="EmulatorControls"/> for demos by hand (curl). Unauthenticated: the emulator
/// listens on loopback and is a test tool.
/// </summary>
internal static class ControlEndpoints
{
    public static void MapEmulatorControls(this IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup("/_emulator");
        control.MapGet("/state", (EmulatorState state) => Results.Ok(new
        {
            projectId = state.ProjectId,
            numbers = state.Numbers(),
            calls = state.Calls(),
            messages = state.Messages(),
            recordings = state.Recordings(),
            requestCounts = state.RequestCounts(),
            webhooks = state.Webhooks(),
            lostCallbacks = state.LostCallbacks(),
        })).WithName("_state");
        control.MapPost("/faults", (FaultRequest request, EmulatorControls controls) =>
        {
            controls.AddFault(new Fault(request.Route, request.Count ?? 1, request.Status, request.Shape ?? ErrorShape.Standard, request.Code, request.Message,
                TimeSpan.FromMilliseconds(request.DelayMs ?? 0)));
            return Results.NoContent();
        }).WithName("_faults");
        control.MapDelete("/faults", (EmulatorControls controls) =>
        {
            controls.ClearFaults();
            return Results.NoContent();
        }).WithName("_faults.clear");
        control.MapPost("/scripts/calls", (CallScriptRequest request, EmulatorControls controls) =>
        {
            var script = new CallScript(request.Outcome, request.DurationSeconds, request.HoldUntilHangUp ?? false, request.AnsweredBy, request.RingUntilHangUp ?? false);
            if (request.To is null)
            {
                controls.ScriptNextCall(script);
            }
            else
            {
                controls.ScriptCallsTo(request.To, script);
            }

            return Results.NoContent();
        }).WithName("_scripts.calls");
        control.MapPost("/scripts/messages", (MessageScriptRequest request, EmulatorControls controls) =>
        {
            controls.ScriptMessagesTo(request.To, new MessageScript(request.Outcome, request.ErrorCode));
            return Results.NoContent();
        }).WithName("_scripts.messages");
        control.MapPost("/callbacks", (CallbackDeliveryRequest request, EmulatorControls controls) =>
        {
            controls.SetCallbackDelivery((request.Duplicate ? CallbackDelivery.Duplicate : 0) | (request.Reverse ? CallbackDelivery.Reverse : 0)
                | (request.DropTerminal ? CallbackDelivery.DropTerminal : 0));
            return Results.NoContent();
        }).WithName("_callbacks");
        control.MapPost("/callbacks/lose", (LoseRequest request, EmulatorControls controls) =>
        {
            controls.LoseNextTerminalCallbacks(request.Count ?? 1);
            return Results.NoContent();
        }).WithName("_callbacks.lose");
        control.MapPost("/numbers", (NumberRequest request, EmulatorControls controls) =>
            Results.Ok(controls.AddOwnedNumber(request.PhoneNumber, request.VoiceUrl, request.SmsUrl, request.StatusCallback))).WithName("_numbers");
        control.MapPost("/inbound/call", async (InboundCallRequest request, EmulatorControls controls, CancellationToken ct) =>
            Results.Ok(await controls.SimulateInboundCallAsync(request.To, request.From, ct))).WithName("_inbound.call");
        control.MapCallerControls();
        control.MapPost("/inbound/sms", async (InboundSmsRequest request, EmulatorControls controls, CancellationToken ct) =>
            Results.Ok(await controls.SimulateInboundMessageAsync(request.To, request.From, request.Body, request.MediaUrls, ct))).WithName("_inbound.sms");
    }

    internal sealed record FaultRequest(string Route, int? Count, int? Status, ErrorShape? Shape, int? Code, string? Message, int? DelayMs);

    internal sealed record CallScriptRequest(string? To, CallOutcome Outcome, int? DurationSeconds, bool? HoldUntilHangUp, string? AnsweredBy, bool? RingUntilHangUp);

    internal sealed record MessageScriptRequest(string To, MessageOutcome Outcome, string? ErrorCode);

    internal sealed record CallbackDeliveryRequest(bool Duplicate, bool Reverse, bool DropTerminal);

    internal sealed record LoseRequest(int? Count);

    internal sealed record NumberRequest(string PhoneNumber, string? VoiceUrl, string? SmsUrl, string? StatusCallback);

    internal sealed record InboundCallRequest(string To, string From);

    internal sealed record InboundSmsRequest(string To, string From, string? Body, IReadOnlyList<string>? MediaUrls);
}
