namespace SignalWire.Emulator.Voice;

/// <summary>
/// Where an emulated inbound call stands after the caller's last move: its status, what it is waiting for, and what
/// the caller heard (the Say texts, in order).
/// </summary>
/// <param name="WaitingFor"><c>gather</c>, <c>dial</c>, <c>record</c> or <c>ai</c> while the call waits for the caller's move; null once it ended.</param>
/// <param name="Input">For a gather: what it listens for (<c>dtmf</c>, <c>speech</c>, or both).</param>
/// <param name="Heard">What the caller heard since their last move.</param>
/// <param name="Transcript">Everything the caller heard on this call.</param>
/// <param name="Timeline">Every verb the emulator ran and every request it made for this call, for diagnosis.</param>
public sealed record CallProgress(
    string CallSid, string Status, string? WaitingFor, IReadOnlyList<string> Input, IReadOnlyList<string> Heard,
    IReadOnlyList<string> Transcript, IReadOnlyList<string> Timeline, int? Duration);

/// <summary>How the number a <c>&lt;Dial&gt;</c> rings responds.</summary>
public enum ForwardOutcome
{
    /// <summary>Picks up, talks, hangs up: <c>DialCallStatus=completed</c> with the talk time.</summary>
    Answered,
    NoAnswer,
    Busy,
    Failed,
}

/// <summary>The caller's move is not one the call can take now (e.g. digits while nothing gathers them).</summary>
public sealed class CallNotWaitingException(string message) : InvalidOperationException(message);
