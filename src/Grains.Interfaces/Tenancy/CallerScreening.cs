using System.Text.Json.Serialization;
using Receptionist.Grains.CallFlow;

namespace Receptionist.Grains.Tenancy;

/// <summary>
/// Which callers a tenant turns away before anyone hears the phone: a block list (exact E.164 numbers, or prefixes
/// written with a trailing <c>*</c>, like <c>+1900*</c>) and what happens to callers who withhold their number.
/// </summary>
[GenerateSerializer, Immutable, Alias("caller-screening")]
public sealed record CallerScreening
{
    /// <summary>Bounds the list, and so the work of every decision (a linear scan of at most this many entries).</summary>
    public const int MaxBlocked = 500;

    /// <summary>Stored as a List whatever the caller passed (see <see cref="BusinessHours.Week"/>).</summary>
    [Id(0)] public IReadOnlyList<string> Blocked { get; init => field = value.ToList(); } = new List<string>();

    [Id(1)] public AnonymousCallers AnonymousCallers { get; init; } = AnonymousCallers.Allow;

    /// <summary>What happens to a call from <paramref name="from"/> (SignalWire's <c>From</c>): the block list first, then withheld numbers.</summary>
    public CallerVerdict Decide(string? from)
    {
        if (!string.IsNullOrWhiteSpace(from))
        {
            foreach (var entry in Blocked)
            {
                if (entry.EndsWith('*') ? from.StartsWith(entry[..^1], StringComparison.Ordinal) : from == entry)
                {
                    return new CallerVerdict(CallerAdmission.Reject, CallerVerdictReason.Blocked, entry);
                }
            }
        }

        if (!WithheldNumbers.IsWithheld(from))
        {
            return new CallerVerdict(CallerAdmission.Allow, CallerVerdictReason.Listed, null);
        }

        return AnonymousCallers switch
        {
            AnonymousCallers.Reject => new CallerVerdict(CallerAdmission.Reject, CallerVerdictReason.Withheld, null),
            AnonymousCallers.Voicemail => new CallerVerdict(CallerAdmission.Voicemail, CallerVerdictReason.Withheld, null),
            _ => new CallerVerdict(CallerAdmission.Allow, CallerVerdictReason.Withheld, null),
        };
    }

    public bool Equals(CallerScreening? other) =>
        other is not null && Blocked.SequenceEqual(other.Blocked) && AnonymousCallers == other.AnonymousCallers;

    public override int GetHashCode() => HashCode.Combine(Blocked.Count, AnonymousCallers);
}

/// <summary>What the receptionist does with a caller who withholds their number.</summary>
[GenerateSerializer, Alias("anonymous-callers")]
[JsonConverter(typeof(CamelCaseEnumConverter<AnonymousCallers>))]
public enum AnonymousCallers
{
    /// <summary>Answered like anyone else (the default: clinics, hospitals and many offices withhold their numbers).</summary>
    Allow,

    /// <summary>Refused before it is answered (<c>&lt;Reject&gt;</c>): nothing rings, nothing is charged.</summary>
    Reject,

    /// <summary>Straight to voicemail: a real person can still leave a message, a robocaller reaches nobody.</summary>
    Voicemail,
}

/// <summary>The receptionist's decision for one incoming caller.</summary>
[GenerateSerializer, Alias("caller-admission")]
[JsonConverter(typeof(CamelCaseEnumConverter<CallerAdmission>))]
public enum CallerAdmission
{
    /// <summary>Run the call flow as usual.</summary>
    Allow,

    /// <summary>Refuse the call unanswered (cXML <c>&lt;Reject reason="rejected"/&gt;</c>); never text this caller.</summary>
    Reject,

    /// <summary>Skip the menu and record a voicemail with the flow's voicemail prompt.</summary>
    Voicemail,
}

[GenerateSerializer, Alias("caller-verdict-reason")]
[JsonConverter(typeof(CamelCaseEnumConverter<CallerVerdictReason>))]
public enum CallerVerdictReason
{
    /// <summary>A shown number that no block-list entry matches.</summary>
    Listed,

    /// <summary>The number matches an entry of the block list (<see cref="CallerVerdict.MatchedEntry"/>).</summary>
    Blocked,

    /// <summary>The caller withheld their number: the tenant's <see cref="AnonymousCallers"/> setting decides.</summary>
    Withheld,
}

/// <summary>A decision and why: <paramref name="MatchedEntry"/> is the block-list entry that matched, if any.</summary>
[GenerateSerializer, Immutable, Alias("caller-verdict")]
public sealed record CallerVerdict(
    [property: Id(0)] CallerAdmission Admission,
    [property: Id(1)] CallerVerdictReason Reason,
    [property: Id(2)] string? MatchedEntry);
