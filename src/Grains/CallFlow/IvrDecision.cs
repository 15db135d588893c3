namespace Receptionist.Grains.CallFlow;

/// <summary>The engine's answer to one webhook: the steps to record, then what the caller gets next.</summary>
public sealed record IvrDecision(IReadOnlyList<IvrStep> Steps, IvrInstruction Next);

/// <summary>What the engine decided comes next; <see cref="IvrVoice"/> turns it into what the caller hears.</summary>
public abstract record IvrInstruction;

/// <summary><paramref name="Lead"/> (the greeting, a reprompt or information), then the menu, listening for keys and speech.</summary>
public sealed record PromptMenu(int Turn, int Attempt, string Lead) : IvrInstruction;

public sealed record ForwardCall(int Turn, string Option, MenuAction Action) : IvrInstruction;

/// <summary>Records a voicemail; <paramref name="Option"/> is null after hours or as the fallback.</summary>
public sealed record TakeVoicemail(int Turn, string? Option, string Prompt, int MaxSeconds) : IvrInstruction;

/// <summary>Texts the caller (done by the call grain, nothing the caller hears), then back to the menu.</summary>
public sealed record TextCaller(int Turn, string Option, MenuAction Action) : IvrInstruction;

/// <summary>Says <paramref name="Notices"/> (when any), then dials the number SignalWire routes to the tenant's AI agent.</summary>
public sealed record DialAgent(int Turn, string Option, string Number, string? Notices = null) : IvrInstruction;

/// <summary>
/// The tenant's AI agent answers the call itself (its flow answers every call with the agent), after
/// <paramref name="Notices"/> are said.
/// </summary>
public sealed record AnswerWithAgent(AiAgentSettings Agent, IReadOnlyList<string> Notices) : IvrInstruction;

/// <summary>Refuses the call without answering it.</summary>
public sealed record RefuseCall : IvrInstruction;

/// <summary>Says <paramref name="Message"/> (when any) and hangs up.</summary>
public sealed record EndCall(string? Message) : IvrInstruction;
