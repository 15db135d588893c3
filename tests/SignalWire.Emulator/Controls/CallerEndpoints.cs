using System.Text.Json.Nodes;
using SignalWire.Emulator.Voice;

namespace SignalWire.Emulator.Controls;

/// <summary>
/// The caller's side of an inbound call over HTTP, for demos by hand: each move answers with where the call stands
/// (<see cref="CallProgress"/>: status, what it waits for, what the caller just heard, the whole transcript).
/// Unknown call: 404; a move the call cannot take now (digits while nothing gathers them): 409.
/// </summary>
internal static class CallerEndpoints
{
    public static void MapCallerControls(this RouteGroupBuilder control)
    {
        var call = control.MapGroup("/calls/{callSid}");
        call.MapGet("", (string callSid, EmulatorControls controls) => Move(() => Task.FromResult(controls.InboundCall(callSid).Progress))).WithName("_calls.progress");
        call.MapPost("/digits", (string callSid, DigitsRequest request, EmulatorControls controls, CancellationToken ct) =>
            Move(() => controls.InboundCall(callSid).PressAsync(request.Digits, ct))).WithName("_calls.digits");
        call.MapPost("/speech", (string callSid, SpeechRequest request, EmulatorControls controls, CancellationToken ct) =>
            Move(() => controls.InboundCall(callSid).SayAsync(request.Phrase, ct))).WithName("_calls.speech");
        call.MapPost("/silence", (string callSid, EmulatorControls controls, CancellationToken ct) =>
            Move(() => controls.InboundCall(callSid).StaySilentAsync(ct))).WithName("_calls.silence");
        call.MapPost("/forward", (string callSid, ForwardRequest request, EmulatorControls controls, CancellationToken ct) =>
            Move(() => request.Outcome == ForwardOutcome.Answered
                ? controls.InboundCall(callSid).AnswerForwardAsync(request.TalkSeconds ?? 20, ct)
                : controls.InboundCall(callSid).MissForwardAsync(request.Outcome, ct))).WithName("_calls.forward");
        call.MapPost("/recording", (string callSid, RecordingRequest request, EmulatorControls controls, CancellationToken ct) =>
            Move(() => controls.InboundCall(callSid).LeaveRecordingAsync(request.Seconds ?? 8, request.HangUp ?? false, request.Transcription, ct)))
            .WithName("_calls.recording");
        call.MapPost("/hangup", (string callSid, EmulatorControls controls, CancellationToken ct) =>
            Move(() => controls.InboundCall(callSid).HangUpAsync(ct))).WithName("_calls.hangup");
        call.MapPost("/ai/function", (string callSid, FunctionRequest request, EmulatorControls controls, CancellationToken ct) =>
            Move(() => controls.InboundCall(callSid).CallFunctionAsync(request.Function, request.Arguments ?? [], ct))).WithName("_calls.ai.function");
        call.MapPost("/ai/summary", (string callSid, SummaryRequest request, EmulatorControls controls) =>
            Move(() => Task.FromResult(controls.InboundCall(callSid).SummarizeAs(request.Summary)))).WithName("_calls.ai.summary");
    }

    private static async Task<IResult> Move(Func<Task<CallProgress>> move)
    {
        try
        {
            return Results.Ok(await move());
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (CallNotWaitingException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    internal sealed record DigitsRequest(string Digits);

    internal sealed record SpeechRequest(string Phrase);

    internal sealed record ForwardRequest(ForwardOutcome Outcome, int? TalkSeconds);

    internal sealed record RecordingRequest(int? Seconds, bool? HangUp, string? Transcription);

    internal sealed record FunctionRequest(string Function, JsonObject? Arguments);

    internal sealed record SummaryRequest(string Summary);
}
