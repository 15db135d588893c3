namespace Receptionist.Grains.Messaging;

/// <summary>
/// How a tenant's numbers answer texts. The first keyword rule that matches wins; otherwise, outside business hours,
/// <see cref="AfterHoursReply"/> (when set), else <see cref="DefaultReply"/> (when set), else no reply.
/// </summary>
[GenerateSerializer, Immutable, Alias("sms-settings")]
public sealed record SmsSettings
{
    /// <summary>Stored as a List whatever the caller passed (see <see cref="Tenancy.BusinessHours.Week"/>).</summary>
    [Id(0)] public IReadOnlyList<SmsKeywordRule> KeywordRules { get; init => field = value.ToList(); } = new List<SmsKeywordRule>();

    [Id(1)] public string? DefaultReply { get; init; }

    [Id(2)] public string? AfterHoursReply { get; init; }

    /// <summary>The answer to HELP; unset: a short built-in text naming the business and STOP.</summary>
    [Id(3)] public string? HelpText { get; init; }

    // Value equality over the rules, so saving the same settings again is recognised as "no change".
    public bool Equals(SmsSettings? other) =>
        other is not null && KeywordRules.SequenceEqual(other.KeywordRules) && DefaultReply == other.DefaultReply
        && AfterHoursReply == other.AfterHoursReply && HelpText == other.HelpText;

    public override int GetHashCode() => HashCode.Combine(KeywordRules.Count, DefaultReply, AfterHoursReply, HelpText);
}
