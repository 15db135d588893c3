using System.Text.Json.Nodes;

namespace SignalWire.Emulator.Voice;

/// <summary>
/// A caller on an emulated inbound call. Each move runs the call to its next wait (or its end) and returns where it
/// stands; <see cref="Progress"/> is the latest, and <see cref="Transcript"/> is everything the caller heard.
/// </summary>
public sealed class EmulatedCall
{
    /// <summary>What the caller hears when a webhook fails or answers something SignalWire cannot run; then the call ends.</summary>
    public const string ApplicationError = "We are sorry, an application error has occurred. Goodbye.";

    private readonly InboundCallPlayer player;

    internal EmulatedCall(InboundCallPlayer player, CallProgress progress, int? answerStatusCode, string? answerBody)
    {
        this.player = player;
        Progress = progress;
        AnswerStatusCode = answerStatusCode;
        AnswerBody = answerBody;
    }

    public string CallSid => Progress.CallSid;

    /// <summary>What the number's VoiceUrl answered the first request with (null: no answer).</summary>
    public int? AnswerStatusCode { get; }

    public string? AnswerBody { get; }

    public CallProgress Progress { get; private set; }

    public IReadOnlyList<string> Transcript => Progress.Transcript;

    public Task<CallProgress> PressAsync(string digits, CancellationToken cancellationToken = default) =>
        Track(player.PressAsync(CallSid, digits, cancellationToken));

    public Task<CallProgress> SayAsync(string phrase, CancellationToken cancellationToken = default) =>
        Track(player.SpeakAsync(CallSid, phrase, cancellationToken));

    public Task<CallProgress> StaySilentAsync(CancellationToken cancellationToken = default) =>
        Track(player.StaySilentAsync(CallSid, cancellationToken));

    public Task<CallProgress> AnswerForwardAsync(int talkSeconds = 20, CancellationToken cancellationToken = default) =>
        Track(player.ForwardAsync(CallSid, ForwardOutcome.Answered, talkSeconds, cancellationToken));

    public Task<CallProgress> MissForwardAsync(ForwardOutcome outcome = ForwardOutcome.NoAnswer, CancellationToken cancellationToken = default) =>
        Track(player.ForwardAsync(CallSid, outcome, 0, cancellationToken));

    public Task<CallProgress> LeaveRecordingAsync(int seconds = 8, bool hangUp = false, string? transcription = null, CancellationToken cancellationToken = default) =>
        Track(player.LeaveRecordingAsync(CallSid, seconds, hangUp, transcription, cancellationToken));

    public Task<CallProgress> HangUpAsync(CancellationToken cancellationToken = default) =>
        Track(player.HangUpAsync(CallSid, cancellationToken));

    /// <summary>The AI agent on the call calls one of its SWAIG functions.</summary>
    public Task<CallProgress> CallFunctionAsync(string function, JsonObject arguments, CancellationToken cancellationToken = default) =>
        Track(player.CallFunctionAsync(CallSid, function, arguments, cancellationToken));

    /// <summary>The AI agent says something to the caller.</summary>
    public Task<CallProgress> AgentSaysAsync(string phrase, CancellationToken cancellationToken = default) =>
        Track(player.AgentSaysAsync(CallSid, phrase, cancellationToken));

    /// <summary>SignalWire delivers the call's post-prompt report again; the receiver's status code (null: none was sent).</summary>
    public Task<int?> RepeatReportAsync(CancellationToken cancellationToken = default) => player.RepeatReportAsync(CallSid, cancellationToken);

    /// <summary>What the AI agent's post-prompt report will give as its summary.</summary>
    public CallProgress SummarizeAs(string summary) => Progress = player.SummarizeAs(CallSid, summary);

    /// <summary>The call as it stands now (it may have moved through the REST API meanwhile).</summary>
    public CallProgress Refresh() => Progress = player.Progress(CallSid);

    private async Task<CallProgress> Track(Task<CallProgress> move) => Progress = await move;
}

/// <summary>What the number's VoiceUrl answered to a simulated inbound call (null status: no answer), and where the call stands.</summary>
public sealed record InboundCallResult(string CallSid, int? StatusCode, string? Body, CallProgress Progress);
