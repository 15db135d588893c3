using System.Text.RegularExpressions;
using Receptionist.Api.Validation;
using Receptionist.Grains.Messaging;

namespace Receptionist.Api.Tenancy;

/// <summary>The <c>sms</c> part of the tenant settings.</summary>
public sealed partial record SmsSettingsRequest(
    IReadOnlyList<SmsKeywordRuleRequest?>? KeywordRules, string? DefaultReply, string? AfterHoursReply, string? HelpText)
{
    public const int MaxRules = 50;
    public const int MaxReplyLength = 1600;

    public void Validate(RequestValidator check, string prefix)
    {
        var rules = KeywordRules ?? [];
        check.Check(rules.Count <= MaxRules, $"{prefix}.keywordRules", $"At most {MaxRules} rules.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Math.Min(rules.Count, MaxRules); i++)
        {
            var field = $"{prefix}.keywordRules[{i}]";
            var rule = rules[i];
            if (rule?.Keyword is not { } keyword || !Keyword().IsMatch(keyword))
            {
                check.Add(field + ".keyword", "Required: one word of 1 to 30 letters or digits.");
            }
            else if (ComplianceKeywords.IsReserved(keyword))
            {
                check.Add(field + ".keyword", $"{RequestValidator.Quote(keyword ?? "")} is reserved for opt-out, opt-in and help ({string.Join(", ", ComplianceKeywords.Reserved)}).");
            }
            else if (!seen.Add(keyword.Trim()))
            {
                check.Add(field + ".keyword", $"{RequestValidator.Quote(keyword ?? "")} appears twice.");
            }

            check.Check(!string.IsNullOrWhiteSpace(rule?.Reply), field + ".reply", $"Required, at most {MaxReplyLength} characters.")
                .Text(field + ".reply", rule?.Reply, MaxReplyLength, multiline: true);
        }

        check.Text($"{prefix}.defaultReply", DefaultReply, MaxReplyLength, multiline: true)
            .Text($"{prefix}.afterHoursReply", AfterHoursReply, MaxReplyLength, multiline: true)
            .Text($"{prefix}.helpText", HelpText, MaxReplyLength, multiline: true);
    }

    public SmsSettings ToSettings() => new()
    {
        KeywordRules = [.. (KeywordRules ?? []).Select(r => new SmsKeywordRule(r!.Keyword!.Trim(), r.Reply!))],
        DefaultReply = Blank(DefaultReply),
        AfterHoursReply = Blank(AfterHoursReply),
        HelpText = Blank(HelpText),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    [GeneratedRegex(@"^\s*[\p{L}\p{N}]{1,30}\s*\z")]
    private static partial Regex Keyword();
}

public sealed record SmsKeywordRuleRequest(string? Keyword, string? Reply);
