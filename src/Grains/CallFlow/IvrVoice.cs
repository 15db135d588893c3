namespace Receptionist.Grains.CallFlow;

/// <summary>What the caller hears for each of the engine's decisions, in the flow's words, voice and language.</summary>
public static class IvrVoice
{
    public const string NotInService = "We're sorry, the number you have called is not in service. Goodbye.";

    public static VoiceInstruction For(CallFlowSettings flow, IvrInstruction next)
    {
        var style = Style(flow);
        return next switch
        {
            PromptMenu menu => new GatherInput
            {
                Style = style,
                At = new IvrPosition(IvrPosition.Menu, menu.Turn, menu.Attempt, null),
                Say = IvrEngine.Join(menu.Lead, flow.MenuPrompt),
                Hints = [.. flow.Options.SelectMany(o => o.Keywords).Distinct(StringComparer.OrdinalIgnoreCase)],
                TimeoutSeconds = flow.InputTimeoutSeconds,
            },
            ForwardCall forward => new DialNumber
            {
                Style = style,
                After = new IvrPosition(IvrPosition.Dialed, forward.Turn, 0, forward.Option),
                Say = string.IsNullOrWhiteSpace(forward.Action.Message) ? null : forward.Action.Message,
                Number = forward.Action.Number!,
                CallerId = forward.Action.CallerId,
                TimeoutSeconds = forward.Action.RingTimeoutSeconds,
            },
            DialAgent agent => new DialNumber
            {
                Style = style,
                After = new IvrPosition(IvrPosition.Dialed, agent.Turn, 0, agent.Option),
                Say = agent.Notices,
                Number = agent.Number,
            },
            TakeVoicemail voicemail => new RecordMessage
            {
                Style = style,
                After = new IvrPosition(IvrPosition.Recorded, voicemail.Turn, 0, voicemail.Option),
                Say = voicemail.Prompt,
                MaxSeconds = voicemail.MaxSeconds,
            },
            RefuseCall => new RejectCall { Style = style },
            EndCall end => new HangUp { Style = style, Say = string.IsNullOrWhiteSpace(end.Message) ? null : end.Message },
            _ => throw new ArgumentOutOfRangeException(nameof(next), next, "The grain carries out texts itself; nothing to say for them."),
        };
    }

    /// <summary>What the caller gets next on call <paramref name="callSid"/>: as above, and the AI agent's hand-off, which carries whom it answers for.</summary>
    public static VoiceInstruction For(CallSetup setup, string tenantId, string callSid, IvrInstruction next) => next switch
    {
        AnswerWithAgent answer => new HandToAgent
        {
            Style = Style(setup.Flow) with { Voice = answer.Agent.Voice ?? setup.Flow.Voice },
            TenantId = tenantId,
            CallSid = callSid,
            BusinessName = setup.BusinessName,
            Agent = answer.Agent,
            Notices = answer.Notices,
        },
        _ => For(setup.Flow, next),
    };

    public static VoiceStyle Style(CallFlowSettings flow) => new(flow.Voice, flow.Language);

    /// <summary>
    /// What a tenant that never saved a call flow runs, through the same engine: a greeting with the business name,
    /// then a message taken and a polite goodbye (the tenant's business hours still apply).
    /// </summary>
    public static CallFlowSettings DefaultFlow(string businessName) => new()
    {
        Greeting = string.IsNullOrWhiteSpace(businessName) ? "Thank you for calling." : $"Thank you for calling {businessName.Trim()}.",
        VoicemailPrompt = "Please leave a message after the tone, and we will get back to you.",
    };
}
