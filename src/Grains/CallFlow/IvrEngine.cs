using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.CallFlow;

/// <summary>
/// The IVR's logic, free of HTTP and storage: a flow, where the call is, and what the caller did give the steps to
/// record and what happens next.
/// </summary>
public static class IvrEngine
{
    public const string FallbackOption = "fallback";
    public const string NobodyAvailable = "Sorry, nobody is available to take your call.";
    public const string Goodbye = "Thank you for calling. Goodbye.";
    public const string MessageRecorded = "Thank you, your message has been recorded. Goodbye.";
    public const string NoMessage = "We did not receive a message. Goodbye.";
    public const string TextSent = "We have sent you a text message.";
    public const string TextFailed = "Sorry, we could not send you a text message.";

    /// <summary>
    /// The call reached the tenant's number: the greeting and menu in hours (straight to a message when the flow has no
    /// menu, as the default flow), the after-hours message (and voicemail) outside them.
    /// </summary>
    public static IvrDecision Enter(CallFlowSettings flow, bool open, DateTimeOffset now)
    {
        var entry = IvrPosition.Entry;
        if (!open)
        {
            var afterHours = Step(entry, IvrStepKind.AfterHours, now);
            return flow.AfterHoursVoicemail
                ? Voicemail(flow, [afterHours], entry, 0, null, flow.AfterHoursMessage, flow.VoicemailPrompt, 120, now)
                : new IvrDecision([afterHours, Step(entry, IvrStepKind.Goodbye, now)], new EndCall(flow.AfterHoursMessage));
        }

        if (flow.Options.Count == 0)
        {
            return Voicemail(flow, [], entry, 0, null, flow.Greeting, flow.VoicemailPrompt, 120, now);
        }

        return new IvrDecision([Step(entry, IvrStepKind.Menu, now)], new PromptMenu(0, 0, flow.Greeting));
    }

    /// <summary>
    /// The call reached a tenant whose AI agent answers every call: handed to the agent at once, after the AI disclosure
    /// and the recording notice (the agent's conversation is transcribed and kept) when the tenant plays them.
    /// </summary>
    public static IvrDecision AnswerByAgent(AiAgentSettings agent, DateTimeOffset now)
    {
        var (steps, said) = AgentNotices(agent.Notices, IvrPosition.Entry, null, now);
        steps.Add(Step(IvrPosition.Entry, IvrStepKind.AgentHandoff, now) with { Detail = "answered by the AI agent" });
        return new IvrDecision(steps, new AnswerWithAgent(agent, said));
    }

    /// <summary>
    /// A caller the tenant's screening does not simply admit: refused unanswered, or taken straight to a voicemail (the
    /// greeting, then the voicemail prompt) without the menu or the AI agent. The step records the verdict and why.
    /// </summary>
    public static IvrDecision Screened(CallFlowSettings flow, CallerAdmission admission, string why, DateTimeOffset now)
    {
        var entry = IvrPosition.Entry;
        return admission switch
        {
            CallerAdmission.Reject => new IvrDecision([Step(entry, IvrStepKind.Rejected, now) with { Detail = why }], new RefuseCall()),
            CallerAdmission.Voicemail => Voicemail(flow, [Step(entry, IvrStepKind.ScreenedToVoicemail, now) with { Detail = why }],
                entry, 0, null, flow.Greeting, flow.VoicemailPrompt, 120, now),
            _ => throw new ArgumentOutOfRangeException(nameof(admission), admission, "An admitted caller enters the flow as usual."),
        };
    }

    /// <summary>A webhook from one of our own action URLs (Gather, Dial, Record).</summary>
    public static IvrDecision Next(CallFlowSettings flow, IvrPosition at, IvrInput input, DateTimeOffset now) => at.Stage switch
    {
        IvrPosition.Dialed => AfterDial(flow, at, input, now),
        IvrPosition.Recorded => input.RecordingUrl is { } url
            ? new IvrDecision([Step(at, IvrStepKind.VoicemailRecorded, now) with { Detail = url }], new EndCall(MessageRecorded))
            : new IvrDecision([Step(at, IvrStepKind.Goodbye, now) with { Detail = "no recording" }], new EndCall(NoMessage)),
        _ => AfterMenu(flow, at, input, now),
    };

    /// <summary>After a text was (or could not be) sent: record which, say so, and back to the menu.</summary>
    public static (IReadOnlyList<IvrStep> Steps, IvrInstruction Next) AfterText(IvrPosition at, TextCaller text, bool sent, string? detail, DateTimeOffset now)
    {
        var step = Step(at with { Option = text.Option }, sent ? IvrStepKind.SmsSent : IvrStepKind.SmsFailed, now) with { Option = text.Option, Detail = detail };
        return ([step], new PromptMenu(text.Turn + 1, 0, sent ? TextSent : TextFailed));
    }

    private static IvrDecision AfterMenu(CallFlowSettings flow, IvrPosition at, IvrInput input, DateTimeOffset now)
    {
        var heard = input.Digits ?? input.Speech;
        var chosen = SpeechMatcher.Match(flow.Options, input.Digits, input.Speech);
        if (chosen is not null)
        {
            var choice = Step(at, IvrStepKind.Chose, now) with { Option = chosen.Digit, Input = heard };
            return Act(flow, at with { Option = chosen.Digit }, chosen.Action, [choice], now);
        }

        var missed = heard is null
            ? Step(at, IvrStepKind.NoInput, now)
            : Step(at, IvrStepKind.NoMatch, now) with { Input = heard };
        if (at.Attempt < flow.MaxRetries)
        {
            return new IvrDecision([missed], new PromptMenu(at.Turn + 1, at.Attempt + 1, flow.Reprompt));
        }

        var fallback = Step(at, IvrStepKind.Fallback, now);
        return flow.Fallback is { } action
            ? Act(flow, at with { Option = FallbackOption }, action, [missed, fallback], now)
            : new IvrDecision([missed, fallback, Step(at, IvrStepKind.Goodbye, now)], new EndCall(Goodbye));
    }

    private static IvrDecision Act(CallFlowSettings flow, IvrPosition at, MenuAction action, List<IvrStep> steps, DateTimeOffset now)
    {
        var option = at.Option!;
        switch (action.Kind)
        {
            case MenuActionKind.Forward:
                steps.Add(Step(at, IvrStepKind.Forwarding, now) with { Option = option, Detail = action.Number });
                return new IvrDecision(steps, new ForwardCall(at.Turn, option, action));
            case MenuActionKind.Voicemail:
                return Voicemail(flow, steps, at, at.Turn, option, null, action.Message ?? flow.VoicemailPrompt, action.MaxRecordingSeconds, now);
            case MenuActionKind.Sms:
                steps.Add(Step(at, IvrStepKind.SmsRequested, now) with { Option = option });
                return new IvrDecision(steps, new TextCaller(at.Turn, option, action));
            case MenuActionKind.Agent when flow.AiAgent?.HandoffNumber is { } agent:
                // The caller hears the agent next, so its notices come now, before the dial.
                var (noticeSteps, said) = AgentNotices(flow.Notices, at, option, now);
                steps.AddRange(noticeSteps);
                steps.Add(Step(at, IvrStepKind.AgentHandoff, now) with { Option = option, Detail = agent });
                return new IvrDecision(steps, new DialAgent(at.Turn, option, agent, said.Count == 0 ? null : Join([.. said])));
            case MenuActionKind.Agent:
                // Settings validation requires a hand-off number; a flow stored before that rule still ends politely.
                steps.Add(Step(at, IvrStepKind.Goodbye, now) with { Option = option, Detail = "no agent number" });
                return new IvrDecision(steps, new EndCall(NobodyAvailable));
            default:
                steps.Add(Step(at, IvrStepKind.Information, now) with { Option = option });
                return new IvrDecision(steps, new PromptMenu(at.Turn + 1, 0, action.Message ?? ""));
        }
    }

    private static IvrDecision AfterDial(CallFlowSettings flow, IvrPosition at, IvrInput input, DateTimeOffset now)
    {
        var status = input.DialStatus ?? "unknown";
        var result = Step(at, IvrStepKind.ForwardResult, now) with { Option = at.Option, Detail = status };
        if (status is "completed" or "answered")
        {
            return new IvrDecision([result], new EndCall(null));
        }

        var action = ActionOf(flow, at.Option);
        if (action?.VoicemailOnNoAnswer == true)
        {
            return Voicemail(flow, [result], at, at.Turn, at.Option, NobodyAvailable, flow.VoicemailPrompt, action.MaxRecordingSeconds, now);
        }

        return new IvrDecision([result, Step(at, IvrStepKind.Goodbye, now) with { Option = at.Option }], new EndCall($"{NobodyAvailable} {Goodbye}"));
    }

    private static MenuAction? ActionOf(CallFlowSettings flow, string? option) =>
        option == FallbackOption ? flow.Fallback : flow.Options.FirstOrDefault(o => o.Digit == option)?.Action;

    /// <summary>
    /// A voicemail after <paramref name="lead"/>: the tenant's recording notice (when it plays one) comes between the
    /// lead and <paramref name="prompt"/>, so it is the last thing said before the beep, and a step records it.
    /// </summary>
    private static IvrDecision Voicemail(
        CallFlowSettings flow, List<IvrStep> steps, IvrPosition at, int turn, string? option, string? lead, string prompt, int maxSeconds, DateTimeOffset now)
    {
        var notice = flow.Notices?.Recording.ToPlay;
        if (notice is not null)
        {
            steps.Add(Step(at, IvrStepKind.RecordingNotice, now) with { Option = option, Detail = notice });
        }

        steps.Add(Step(at, IvrStepKind.VoicemailPrompt, now) with { Option = option });
        return new IvrDecision(steps, new TakeVoicemail(turn, option, Join(lead, notice, prompt), maxSeconds));
    }

    /// <summary>What the caller hears before the AI agent speaks, in order, and the steps that record it.</summary>
    private static (List<IvrStep> Steps, IReadOnlyList<string> Said) AgentNotices(CallNotices? notices, IvrPosition at, string? option, DateTimeOffset now)
    {
        var (steps, said) = (new List<IvrStep>(), new List<string>());
        foreach (var (kind, words) in new[] { (IvrStepKind.AiDisclosure, notices?.AiDisclosure.ToPlay), (IvrStepKind.RecordingNotice, notices?.Recording.ToPlay) })
        {
            if (words is not null)
            {
                steps.Add(Step(at, kind, now) with { Option = option, Detail = words });
                said.Add(words);
            }
        }

        return (steps, said);
    }

    /// <summary>Texts said one after the other, blanks left out.</summary>
    public static string Join(params string?[] texts) => string.Join(' ', texts.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()));

    private static IvrStep Step(IvrPosition at, IvrStepKind kind, DateTimeOffset now) =>
        new() { Key = $"{at.Key}:{kind}", Kind = kind, At = now };
}
