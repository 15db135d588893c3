using System.Text.RegularExpressions;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Grains.Messaging;

/// <summary>Decides what (if anything) a tenant's number answers to one inbound text.</summary>
public static class AutoReplyPolicy
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <param name="senderOptedOut">Whether the sender is opted out after this text's own keyword was applied.</param>
    public static string? Choose(TenantSettings settings, ComplianceKeyword keyword, string? body, bool senderOptedOut, DateTimeOffset now)
    {
        var sms = settings.Sms;
        switch (keyword)
        {
            // The carrier sends the opt-out confirmation; after STOP we stay silent.
            case ComplianceKeyword.OptOut:
                return null;
            case ComplianceKeyword.OptIn:
                return $"You are subscribed again to messages from {Name(settings)}. Reply HELP for help, STOP to unsubscribe.";
            // HELP is always answered, opted out or not, as carriers require.
            case ComplianceKeyword.Help:
                return NonBlank(sms.HelpText) ?? $"{Name(settings)}: reply STOP to unsubscribe, START to subscribe again.";
        }

        if (senderOptedOut)
        {
            return null;
        }

        if (sms.KeywordRules.FirstOrDefault(rule => Matches(rule.Keyword, body)) is { } match)
        {
            return match.Reply;
        }

        var closed = settings.BusinessHours is { } hours && !hours.IsOpen(now);
        return (closed ? NonBlank(sms.AfterHoursReply) : null) ?? NonBlank(sms.DefaultReply);
    }

    private static bool Matches(string keyword, string? body) =>
        !string.IsNullOrEmpty(body)
        && Regex.IsMatch(body, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(keyword)}(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);

    private static string Name(TenantSettings settings) => NonBlank(settings.BusinessName) ?? "this number";

    private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
