using System.Globalization;
using System.Text.RegularExpressions;
using Receptionist.Api.Validation;
using Receptionist.Grains.CallFlow;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.CallFlow;

/// <summary>The <c>callFlow</c> of <c>PUT /api/tenant/settings</c>. Absent fields take the defaults of <see cref="CallFlowSettings"/>.</summary>
public sealed partial record CallFlowRequest(
    string? Greeting,
    string? MenuPrompt,
    string? Reprompt,
    string? Voice,
    string? Language,
    BusinessHoursRequest? BusinessHours,
    string? AfterHoursMessage,
    bool? AfterHoursVoicemail,
    IReadOnlyList<MenuOptionRequest>? Options,
    int? MaxRetries,
    MenuActionRequest? Fallback,
    int? InputTimeoutSeconds,
    AiAgentRequest? AiAgent,
    string? VoicemailPrompt)
{
    public const int MaxOptions = 12;
    private const string TimeFormat = "HH:mm";
    private static readonly string[] Days = [.. Enum.GetNames<DayOfWeek>().Select(d => d.ToLowerInvariant())];
    private static readonly string[] Kinds = [.. Enum.GetNames<MenuActionKind>().Select(k => JsonNamingCamel(k))];

    /// <summary>Checks every rule; <paramref name="check"/> collects errors under <paramref name="prefix"/>.</summary>
    public void Validate(RequestValidator check, string prefix)
    {
        check.MaxLength($"{prefix}.greeting", Greeting, 1000)
            .MaxLength($"{prefix}.menuPrompt", MenuPrompt, 1000)
            .MaxLength($"{prefix}.reprompt", Reprompt, 1000)
            .MaxLength($"{prefix}.afterHoursMessage", AfterHoursMessage, 1000)
            .MaxLength($"{prefix}.voicemailPrompt", VoicemailPrompt, 1000)
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
        for (var i = 0; i < options.Count; i++)
        {
            var field = $"{prefix}.options[{i}]";
            var option = options[i];
            if (option.Digit is null || !DtmfKey().IsMatch(option.Digit))
            {
                check.Add($"{field}.digit", "One key: 0-9, * or #.");
            }
            else if (!digits.Add(option.Digit))
            {
                check.Add($"{field}.digit", $"Key {option.Digit} already belongs to another option.");
            }

            foreach (var keyword in option.Keywords ?? [])
            {
                var phrase = string.Join(' ', SpeechMatcher.Words(keyword ?? ""));
                if (phrase.Length == 0 || keyword!.Length > 100)
                {
                    check.Add($"{field}.keywords", $"'{keyword}' has no word a caller could say (filler words are ignored), or is over 100 characters.");
                }
                else if (phrases.TryGetValue(phrase, out var other) && other != i)
                {
                    check.Add($"{field}.keywords", $"'{keyword}' also chooses option {other}: one of them could never be reached by voice.");
                }
                else
                {
                    phrases[phrase] = i;
                }
            }

            ValidateAction(check, $"{field}.action", option.Action, required: true);
        }

        ValidateAction(check, $"{prefix}.fallback", Fallback, required: false);
        BusinessHours?.Validate(check, $"{prefix}.businessHours");
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
            .MaxLength($"{field}.message", action.Message, action.Kind == "sms" ? 1600 : 4000);
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
            BusinessHours = BusinessHours?.ToSettings(),
            AfterHoursMessage = AfterHoursMessage ?? defaults.AfterHoursMessage,
            AfterHoursVoicemail = AfterHoursVoicemail ?? defaults.AfterHoursVoicemail,
            Options = [.. (Options ?? []).Select(o => new MenuOption
            {
                Digit = o.Digit!,
                Keywords = [.. (o.Keywords ?? []).Select(k => k.Trim())],
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

    internal static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    internal static string[] DayNames => Days;

    [GeneratedRegex("^[0-9*#]$")]
    private static partial Regex DtmfKey();

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex VoiceName();

    [GeneratedRegex("^[a-zA-Z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}$")]
    private static partial Regex LanguageTag();
}

public sealed record MenuOptionRequest(string? Digit, IReadOnlyList<string>? Keywords, MenuActionRequest? Action);

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

/// <summary>Times are <c>HH:mm</c> local to <c>timeZone</c>; days are <c>monday</c>…<c>sunday</c>; holidays <c>yyyy-MM-dd</c>.</summary>
public sealed record BusinessHoursRequest(string? TimeZone, IReadOnlyList<DailyHoursRequest>? Week, IReadOnlyList<string>? Holidays)
{
    public void Validate(RequestValidator check, string prefix)
    {
        check.Required($"{prefix}.timeZone", TimeZone)
            .Check(TimeZone is null || TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _), $"{prefix}.timeZone", $"'{TimeZone}' is not a known IANA time zone.");
        var week = Week ?? [];
        var parsed = new List<(int Index, DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)>();
        for (var i = 0; i < week.Count; i++)
        {
            var field = $"{prefix}.week[{i}]";
            var hours = week[i];
            check.Required($"{field}.day", hours.Day).OneOf($"{field}.day", hours.Day?.ToLowerInvariant(), CallFlowRequest.DayNames);
            var opens = CallFlowRequest.TryParseTime(hours.Opens, out var o);
            var closes = CallFlowRequest.TryParseTime(hours.Closes, out var c);
            check.Check(opens, $"{field}.opens", $"'{hours.Opens}' is not a time like 09:00.")
                .Check(closes, $"{field}.closes", $"'{hours.Closes}' is not a time like 17:30.");
            if (opens && closes)
            {
                // Equal times would be open zero or 24 hours: only midnight to midnight (all day) is unambiguous.
                check.Check(o != c || o == TimeOnly.MinValue, $"{field}.closes", "Must differ from opens (use 00:00 to 00:00 for all day).");
                if (Enum.TryParse<DayOfWeek>(hours.Day, ignoreCase: true, out var day) && o != c)
                {
                    parsed.Add((i, day, o, c));
                }
            }
        }

        // Same-day openings must not overlap (overnight ones are left alone: they may legitimately wrap).
        var daytime = parsed.Where(p => p.Closes > p.Opens).ToList();
        foreach (var a in daytime)
        {
            foreach (var b in daytime.Where(b => b.Index > a.Index && b.Day == a.Day && a.Opens < b.Closes && b.Opens < a.Closes))
            {
                check.Add($"{prefix}.week[{b.Index}]", $"Overlaps week[{a.Index}] on {a.Day}.");
            }
        }

        var holidays = Holidays ?? [];
        check.Check(holidays.Count <= 366, $"{prefix}.holidays", "At most 366 dates.");
        for (var i = 0; i < holidays.Count; i++)
        {
            check.Check(DateOnly.TryParseExact(holidays[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                $"{prefix}.holidays[{i}]", $"'{holidays[i]}' is not a date like 2026-12-25.");
        }
    }

    public BusinessHours ToSettings() => new()
    {
        TimeZone = TimeZone!,
        Week = [.. (Week ?? []).Select(h => new DailyHours(
            Enum.Parse<DayOfWeek>(h.Day!, ignoreCase: true),
            TimeOnly.ParseExact(h.Opens!, "HH:mm", CultureInfo.InvariantCulture),
            TimeOnly.ParseExact(h.Closes!, "HH:mm", CultureInfo.InvariantCulture)))],
        Holidays = [.. (Holidays ?? []).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).Distinct().Order()],
    };
}

public sealed record DailyHoursRequest(string? Day, string? Opens, string? Closes);

public sealed record AiAgentRequest(bool? AnswerAllCalls, string? Prompt, string? Voice, IReadOnlyList<DepartmentRequest>? Departments, string? HandoffNumber)
{
    public void Validate(RequestValidator check, string prefix)
    {
        check.Check(AnswerAllCalls != true || !string.IsNullOrWhiteSpace(Prompt), $"{prefix}.prompt", "Required when the agent answers calls.")
            .MaxLength($"{prefix}.prompt", Prompt, 8000)
            .MaxLength($"{prefix}.voice", Voice, 64)
            .E164($"{prefix}.handoffNumber", HandoffNumber);
        var departments = Departments ?? [];
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < departments.Count; i++)
        {
            var field = $"{prefix}.departments[{i}]";
            check.Required($"{field}.name", departments[i].Name).MaxLength($"{field}.name", departments[i].Name, 100)
                .Required($"{field}.number", departments[i].Number).E164($"{field}.number", departments[i].Number)
                .Check(departments[i].Name is null || names.Add(departments[i].Name!.Trim()), $"{field}.name", "Another department has this name.");
        }
    }

    public AiAgentSettings ToSettings() => new()
    {
        AnswerAllCalls = AnswerAllCalls ?? false,
        Prompt = Prompt ?? "",
        Voice = Voice,
        Departments = [.. (Departments ?? []).Select(d => new Department(d.Name!.Trim(), d.Number!))],
        HandoffNumber = HandoffNumber,
    };
}

public sealed record DepartmentRequest(string? Name, string? Number);
