namespace Receptionist.Grains.Tenancy;

/// <summary>
/// One text to a caller who hung up unanswered or in the menu. Off until the tenant turns it on; never sent twice to
/// the same caller within <see cref="RepeatWindowHours"/>, nor to an opted-out or blocked number.
/// </summary>
[GenerateSerializer, Immutable, Alias("missed-call-text-back")]
public sealed record MissedCallTextBack
{
    public const string DefaultMessage = "Sorry we missed your call. Reply to this text and we will get back to you soon.";

    [Id(0)] public bool Enabled { get; init; }

    /// <summary>The text, in the tenant's own wording.</summary>
    [Id(1)] public string Message { get; init; } = DefaultMessage;

    /// <summary>After texting a caller, no second text to the same number for this many hours (1 to 720).</summary>
    [Id(2)] public int RepeatWindowHours { get; init; } = 24;

    /// <summary>Whether a caller last texted at <paramref name="lastSent"/> may be texted again at <paramref name="now"/>.</summary>
    public bool MaySendAgain(DateTimeOffset? lastSent, DateTimeOffset now) =>
        lastSent is not { } last || now - last >= TimeSpan.FromHours(RepeatWindowHours);
}
