namespace Receptionist.Grains.Messaging;

/// <summary>Answers a text that contains <see cref="Keyword"/> as a whole word (any case) with <see cref="Reply"/>.</summary>
[GenerateSerializer, Immutable, Alias("sms-keyword-rule")]
public sealed record SmsKeywordRule(
    [property: Id(0)] string Keyword,
    [property: Id(1)] string Reply);
