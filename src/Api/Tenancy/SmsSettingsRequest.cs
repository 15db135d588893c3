using System.Text.RegularExpressions;
using Receptionist.Grains.Messaging;

namespace Receptionist.Api.Tenancy;

/// <summary>The <c>sms</c> part of <c>PUT /api/tenant/settings</c>.</summary>
public sealed partial record SmsSettingsRequest(
    IReadOnlyList<SmsKeywordRuleRequest?>? KeywordRules, string? DefaultReply, string? AfterHoursReply, string? HelpText)
{
    public const int MaxRules = 50;
    public const int MaxReplyLength = 1600;

    public void Validate(Dictionary<string, string[]> errors)
    {
        var rules = KeywordRules ?? [];
        if (rules.Count > MaxRules)
        {
            errors["sms.keywordRules"] = [$"At most {MaxRules} rules."];
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
        {
            var field = $"sms.keywordRules[{i}]";
            var rule = rules[i];
            if (rule?.Keyword is not { } keyword || !Keyword().IsMatch(keyword))
            {
                errors[field + ".keyword"] = ["Required: one word of 1 to 30 letters or digits."];
            }
            else if (ComplianceKeywords.IsReserved(keyword))
            {
                errors[field + ".keyword"] = [$"'{keyword}' is reserved for opt-out, opt-in and help ({string.Join(", ", ComplianceKeywords.Reserved)})."];
            }
            else if (!seen.Add(keyword))
            {
                errors[field + ".keyword"] = [$"'{keyword}' appears twice."];
            }

            if (string.IsNullOrWhiteSpace(rule?.Reply) || rule.Reply.Length > MaxReplyLength)
            {
                errors[field + ".reply"] = [$"Required, at most {MaxReplyLength} characters."];
            }
        }

        Text(errors, "sms.defaultReply", DefaultReply);
        Text(errors, "sms.afterHoursReply", AfterHoursReply);
        Text(errors, "sms.helpText", HelpText);
    }

    public SmsSettings ToSettings() => new()
    {
        KeywordRules = [.. (KeywordRules ?? []).Select(r => new SmsKeywordRule(r!.Keyword!.Trim(), r.Reply!))],
        DefaultReply = Blank(DefaultReply),
        AfterHoursReply = Blank(AfterHoursReply),
        HelpText = Blank(HelpText),
    };

    private static void Text(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (value is { Length: > MaxReplyLength })
        {
            errors[field] = [$"At most {MaxReplyLength} characters."];
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    [GeneratedRegex(@"^\s*[\p{L}\p{N}]{1,30}\s*$")]
    private static partial Regex Keyword();
}

public sealed record SmsKeywordRuleRequest(string? Keyword, string? Reply);
