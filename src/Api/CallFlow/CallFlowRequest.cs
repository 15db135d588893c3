using System.Globalization;
using System.Text.RegularExpressions;
using Receptionist.Api.Tenancy;
using Receptionist.Api.Validation;
using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.CallFlow;

/// <summary>
/// The <c>callFlow</c> of the tenant settings. Absent fields take the defaults of <see cref="CallFlowSettings"/>.
/// <c>businessHours</c> is only here to be refused with a pointer to where the hours live now.
/// </summary>
public sealed partial record CallFlowRequest(
    string? Greeting,
    string? MenuPrompt,
    string? Reprompt,
    string? Voice,
    string? Language,
    BusinessHoursRequest? BusinessHours,
    string? AfterHoursMessage,
    bool? AfterHoursVoicemail,
    IReadOnlyList<MenuOptionRequest?>? Options,
    int? MaxRetries,
    MenuActionRequest? Fallback,
    int? InputTimeoutSeconds,
    AiAgentRequest? AiAgent,
    string? VoicemailPrompt)
{
    public const int MaxOptions = 12;
    public const int MaxKeywords = 20;
    public const int MaxPromptLength = 1000;
    private static readonly string[] Kinds = [.. Enum.GetNames<MenuActionKind>().Select(k => JsonNamingCamel(k))];

    /// <summary>Checks every rule; <paramref name="check"/> collects errors under <paramref name="prefix"/>.</summary>
    public void Validate(RequestValidator check, string prefix)
    {
        check.Text($"{prefix}.greeting", Greeting, MaxPromptLength, multiline: true)
            .Text($"{prefix}.menuPrompt", MenuPrompt, MaxPromptLength, multiline: true)
            .Text($"{prefix}.reprompt", Reprompt, MaxPromptLength, multiline: true)
            .Text($"{prefix}.afterHoursMessage", AfterHoursMessage, MaxPromptLength, multiline: true)
            .Text($"{prefix}.voicemailPrompt", VoicemailPrompt, MaxPromptLength, multiline: true)
            .Check(Voice is null || VoiceName().IsMatch(Voice), $"{prefix}.voice", "A voice name like 'woman', 'man' or 'Polly.Joanna'.")
            .Check(Language is null || LanguageTag().IsMatch(Language), $"{prefix}.language", "A language tag like 'en-US'.")
            .Range($"{prefix}.maxRetries", MaxRetries, 0, 5)
            .Range($"{prefix}.inputTimeoutSeconds", InputTimeoutSeconds, 1, 60);

        var options = Options ?? [];
        var answeredByAgent = AiAgent?.AnswerAllCalls == true;
        check.Check(options.Count > 0 || answeredByAgent, $"{prefix}.options", "At least one option, unless the AI agent answers every call.")
            .Check(options.Count <= MaxOptions, $"{prefix}.options", $"At most {MaxOptions} options.")
            .Check(options.Count == 0 || !string.IsNullOrWhiteSpace(MenuPrompt), $"{prefix}.menuPrompt", "Required: callers must hear the options.");

        // Reachable: each option has its own key, and no spoken phrase belongs to two options (one would never win).
        var digits = new HashSet<string>(StringComparer.Ordinal);
        var phrases = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(options.Count, MaxOptions); i++)
        {
            var field = $"{prefix}.options[{i}]";
            if (options[i] is not { } option)
            {
                check.Add(field, "Required: an option, not null.");
                continue;
            }

            if (option.Digit is null || !DtmfKey().IsMatch(option.Digit))
            {
                check.Add($"{field}.digit", "One key: 0-9, * or #.");
            }
            else if (!digits.Add(option.Digit))
            {
                check.Add($"{field}.digit", $"Key {option.Digit} already belongs to another option.");
            }

            var keywords = option.Keywords ?? [];
            check.Check(keywords.Count <= MaxKeywords, $"{field}.keywords", $"At most {MaxKeywords} keywords.");
            foreach (var keyword in keywords.Take(MaxKeywords))
            {
                var phrase = keyword is null || PlainText.FirstInvalid(keyword, multiline: false) is not null ? "" : string.Join(' ', SpeechMatcher.Words(keyword));
                if (phrase.Length == 0 || keyword!.Length > 100)
                {
                    check.Add($"{field}.keywords", $"{RequestValidator.Quote(keyword ?? "")} has no word a caller could say (filler words are ignored), has control characters, or is over 100 characters.");
                }
                else if (phrases.TryGetValue(phrase, out var other) && other != i)
                {
                    check.Add($"{field}.keywords", $"{RequestValidator.Quote(keyword ?? "")} also chooses option {other}: one of them could never be reached by voice.");
                }
                else
                {
                    phrases[phrase] = i;
                }
            }

            ValidateAction(check, $"{field}.action", option.Action, required: true);
        }

        ValidateAction(check, $"{prefix}.fallback", Fallback, required: false);
        check.Check(BusinessHours is null, $"{prefix}.businessHours",
            "Business hours belong to the tenant, for calls, texts and the AI agent alike: send them as the top-level businessHours.");
        AiAgent?.Validate(check, $"{prefix}.aiAgent");
    }

    private void ValidateAction(RequestValidator check, string field, MenuActionRequest? action, bool required)
    {
        if (action is null)
        {
            check.Check(!required, field, "Required.");
            return;
        }

        check.Required($"{field}.kind", action.Kind).OneOf($"{field}.kind", action.Kind, Kinds)
            .E164($"{field}.number", action.Number)
            .E164($"{field}.callerId", action.CallerId)
            .Range($"{field}.ringTimeoutSeconds", action.RingTimeoutSeconds, 5, 600)
            .Range($"{field}.maxRecordingSeconds", action.MaxRecordingSeconds, 5, 3600)
            .Text($"{field}.message", action.Message, action.Kind == "sms" ? 1600 : 4000, multiline: true);
        switch (action.Kind)
        {
            case "forward":
                check.Required($"{field}.number", action.Number);
                break;
            case "sms":
            case "say":
                check.Required($"{field}.message", action.Message);
                break;
            case "agent":
                check.Check(!string.IsNullOrEmpty(AiAgent?.HandoffNumber), $"{field}.kind",
                    "Hand-off to the AI agent needs callFlow.aiAgent.handoffNumber (the number SignalWire routes to the agent).");
                break;
        }
    }

    public CallFlowSettings ToSettings()
    {
        var defaults = new CallFlowSettings();
        return new CallFlowSettings
        {
            Greeting = Greeting ?? defaults.Greeting,
            MenuPrompt = MenuPrompt ?? defaults.MenuPrompt,
            Reprompt = Reprompt ?? defaults.Reprompt,
            Voice = Voice ?? defaults.Voice,
            Language = Language ?? defaults.Language,
            AfterHoursMessage = AfterHoursMessage ?? defaults.AfterHoursMessage,
            AfterHoursVoicemail = AfterHoursVoicemail ?? defaults.AfterHoursVoicemail,
            Options = [.. (Options ?? []).Select(o => new MenuOption
            {
                // Validated: no null options or keywords get this far.
                Digit = o!.Digit!,
                Keywords = [.. (o.Keywords ?? []).Select(k => k!.Trim())],
                Action = o.Action!.ToSettings(),
            })],
            MaxRetries = MaxRetries ?? defaults.MaxRetries,
            Fallback = Fallback?.ToSettings(),
            InputTimeoutSeconds = InputTimeoutSeconds ?? defaults.InputTimeoutSeconds,
            AiAgent = AiAgent?.ToSettings(),
            VoicemailPrompt = VoicemailPrompt ?? defaults.VoicemailPrompt,
        };
    }

    internal static string JsonNamingCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex(@"^[0-9*#]\z")]
    private static partial Regex DtmfKey();

    [GeneratedRegex(@"^[A-Za-z0-9._:-]{1,64}\z")]
    private static partial Regex VoiceName();

    [GeneratedRegex(@"^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}\z")]
    private static partial Regex LanguageTag();
}

public sealed record MenuOptionRequest(string? Digit, IReadOnlyList<string?>? Keywords, MenuActionRequest? Action);

/// <summary><c>kind</c>: forward, voicemail, sms, say or agent.</summary>
public sealed record MenuActionRequest(
    string? Kind, string? Number, string? CallerId, int? RingTimeoutSeconds, bool? VoicemailOnNoAnswer, string? Message, int? MaxRecordingSeconds)
{
    public MenuAction ToSettings()
    {
        var defaults = new MenuAction { Kind = MenuActionKind.Say };
        return new MenuAction
        {
            Kind = Enum.Parse<MenuActionKind>(Kind!, ignoreCase: true),
            Number = Number,
            CallerId = CallerId,
            RingTimeoutSeconds = RingTimeoutSeconds ?? defaults.RingTimeoutSeconds,
            VoicemailOnNoAnswer = VoicemailOnNoAnswer ?? defaults.VoicemailOnNoAnswer,
            Message = Message,
            MaxRecordingSeconds = MaxRecordingSeconds ?? defaults.MaxRecordingSeconds,
        };
    }
}

public sealed record AiAgentRequest(bool? AnswerAllCalls, string? Prompt, string? Voice, IReadOnlyList<DepartmentRequest?>? Departments, string? HandoffNumber)
{
    public const int MaxDepartments = 20;

    public void Validate(RequestValidator check, string prefix)
    {
        check.Check(AnswerAllCalls != true || !string.IsNullOrWhiteSpace(Prompt), $"{prefix}.prompt", "Required when the agent answers calls.")
            .Text($"{prefix}.prompt", Prompt, 8000, multiline: true)
            .Text($"{prefix}.voice", Voice, 64)
            .E164($"{prefix}.handoffNumber", HandoffNumber);
        var departments = Departments ?? [];
        check.Check(departments.Count <= MaxDepartments, $"{prefix}.departments", $"At most {MaxDepartments} departments.");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Math.Min(departments.Count, MaxDepartments); i++)
        {
            var field = $"{prefix}.departments[{i}]";
            if (departments[i] is not { } department)
            {
                check.Add(field, "Required: a department, not null.");
                continue;
            }

            check.Required($"{field}.name", department.Name).Text($"{field}.name", department.Name, 100)
                .Required($"{field}.number", department.Number).E164($"{field}.number", department.Number)
                .Check(department.Name is null || names.Add(department.Name.Trim()), $"{field}.name", "Another department has this name.");
        }
    }

    public AiAgentSettings ToSettings() => new()
    {
        AnswerAllCalls = AnswerAllCalls ?? false,
        Prompt = Prompt ?? "",
        Voice = Voice,
        Departments = [.. (Departments ?? []).Select(d => new Department(d!.Name!.Trim(), d.Number!))],
        HandoffNumber = HandoffNumber,
    };
}

public sealed record DepartmentRequest(string? Name, string? Number);
