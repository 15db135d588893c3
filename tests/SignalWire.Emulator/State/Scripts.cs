namespace SignalWire.Emulator.State;

public enum CallOutcome
{
    /// <summary>Rings, is answered, talks, hangs up: completed with a duration.</summary>
    Completed,
    Busy,
    NoAnswer,
    Failed,
}

/// <summary>How one call plays out.</summary>
/// <param name="DurationSeconds">The duration reported when answered (default <see cref="EmulatorOptions.DefaultTalkSeconds"/>).</param>
/// <param name="HoldUntilHangUp">Stay in-progress until hung up through the API (to test hang-up and redirect).</param>
/// <param name="AnsweredBy">What answering-machine detection reports (<c>human</c> unless set) when it was asked for.</param>
/// <param name="RingUntilHangUp">Stay ringing until canceled or hung up through the API (to test what is allowed while ringing, however slow the test).</param>
public sealed record CallScript(CallOutcome Outcome = CallOutcome.Completed, int? DurationSeconds = null, bool HoldUntilHangUp = false, string? AnsweredBy = null, bool RingUntilHangUp = false)
{
    public static CallScript Default { get; } = new();
}

public enum MessageOutcome
{
    Delivered,
    Undelivered,
    Failed,
}

/// <summary>How one message plays out; <paramref name="ErrorCode"/> (e.g. 30003) goes with undelivered/failed.</summary>
public sealed record MessageScript(MessageOutcome Outcome = MessageOutcome.Delivered, string? ErrorCode = null)
{
    public static MessageScript Default { get; } = new();
}

/// <summary>How status callbacks reach the receiver, to test idempotence and ordering.</summary>
[Flags]
public enum CallbackDelivery
{
    Normal = 0,

    /// <summary>Every status callback is delivered twice.</summary>
    Duplicate = 1,

    /// <summary>A call's or message's status callbacks are held until it ends, then delivered newest first.</summary>
    Reverse = 2,

    /// <summary>
    /// A call's or message's terminal status callback (completed, delivered, undelivered, failed) is never sent, as
    /// happens when SignalWire's best-effort delivery gives up; the REST API still reports the final state.
    /// </summary>
    DropTerminal = 4,
}

/// <summary>Which error body a forced failure uses.</summary>
public enum ErrorShape
{
    /// <summary><c>{code,message,more_info,status}</c>.</summary>
    Standard,

    /// <summary><c>{"errors":[{code,message,more_info}]}</c> with a string code, as create-call answers.</summary>
    ErrorsArray,
}

/// <summary>A forced answer for the next <paramref name="Count"/> requests of one route (see <see cref="EmulatorRoutes"/>).</summary>
/// <param name="StatusCode">The status to answer, or null to answer normally after <paramref name="Delay"/>.</param>
/// <param name="AnswerLate">The request is carried out at once (a message is created, a call placed) and only its answer waits
/// <paramref name="Delay"/>: a client that gives up first never learns what it caused.</param>
public sealed record Fault(string Route, int Count, int? StatusCode = null, ErrorShape Shape = ErrorShape.Standard, int? Code = null, string? Message = null,
    TimeSpan Delay = default, bool AnswerLate = false);
