namespace Receptionist.Grains.CallFlow;

/// <summary>One of the AI agent's functions, as SignalWire asked for it (arguments already read from its JSON).</summary>
[GenerateSerializer, Immutable, Alias("agent-function-call")]
public sealed record AgentFunctionCall
{
    public const string Transfer = "transfer";
    public const string TakeMessage = "take_message";
    public const string CheckBusinessHours = "check_business_hours";

    public static IReadOnlyList<string> Names { get; } = [Transfer, TakeMessage, CheckBusinessHours];

    [Id(0)] public required string Function { get; init; }

    /// <summary>Names this request among the call's steps, so SignalWire repeating it records nothing twice.</summary>
    [Id(1)] public required string RequestKey { get; init; }

    [Id(2)] public string? Department { get; init; }

    [Id(3)] public string? Message { get; init; }

    [Id(4)] public string? CallerName { get; init; }

    [Id(5)] public string? CallbackNumber { get; init; }
}

/// <summary>
/// <see cref="Response"/> is for the agent to read; <see cref="Say"/> and <see cref="ConnectTo"/> change the call
/// (say this, then connect the caller to that number, ending the AI session).
/// </summary>
[GenerateSerializer, Immutable, Alias("agent-function-result")]
public sealed record AgentFunctionResult(
    [property: Id(0)] string Response,
    [property: Id(1)] string? Say = null,
    [property: Id(2)] string? ConnectTo = null);
