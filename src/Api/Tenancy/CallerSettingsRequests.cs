using System.Text.RegularExpressions;
using Receptionist.Api.Validation;
using Receptionist.Grains.Tenancy;

namespace Receptionist.Api.Tenancy;

/// <summary>The <c>screening</c> part of the tenant settings: blocked numbers and prefixes, withheld numbers.</summary>
public sealed partial record CallerScreeningRequest(IReadOnlyList<string?>? Blocked, string? AnonymousCallers)
{
    private static readonly string[] AnonymousOptions = ["allow", "reject", "voicemail"];

    public void Validate(RequestValidator check, string prefix)
    {
        var blocked = Blocked ?? [];
        check.Check(blocked.Count <= CallerScreening.MaxBlocked, $"{prefix}.blocked", $"At most {CallerScreening.MaxBlocked} numbers and prefixes.")
            .OneOf($"{prefix}.anonymousCallers", AnonymousCallers, AnonymousOptions);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(blocked.Count, CallerScreening.MaxBlocked); i++)
        {
            var entry = blocked[i];
            var field = $"{prefix}.blocked[{i}]";
            if (entry is null || !(E164.IsValid(entry) || Prefix().IsMatch(entry)))
            {
                check.Add(field, $"{RequestValidator.Quote(entry ?? "null")} is neither an E.164 number (+15551234567) nor a prefix ending in * (+1900*).");
            }
            else if (!seen.Add(entry))
            {
                check.Add(field, $"{RequestValidator.Quote(entry)} appears twice.");
            }
        }
    }

    public CallerScreening ToSettings() => new()
    {
        Blocked = [.. (Blocked ?? []).Select(b => b!)],
        AnonymousCallers = AnonymousCallers switch
        {
            "reject" => Grains.Tenancy.AnonymousCallers.Reject,
            "voicemail" => Grains.Tenancy.AnonymousCallers.Voicemail,
            _ => Grains.Tenancy.AnonymousCallers.Allow,
        },
    };

    /// <summary>'+', a country digit and up to 13 more, then '*': "+*" alone would block every caller.</summary>
    [GeneratedRegex(@"^\+[1-9][0-9]{0,13}\*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();
}

/// <summary>The <c>missedCallTextBack</c> part of the tenant settings.</summary>
public sealed record MissedCallTextBackRequest(bool? Enabled, string? Message, int? RepeatWindowHours)
{
    public const int MaxMessageLength = 320;
    public const int MaxRepeatWindowHours = 720;

    public void Validate(RequestValidator check, string prefix) =>
        check.Check(Enabled != true || !string.IsNullOrWhiteSpace(Message ?? MissedCallTextBack.DefaultMessage), $"{prefix}.message", "Required while the text-back is on.")
            .Text($"{prefix}.message", Message, MaxMessageLength, multiline: true)
            .Range($"{prefix}.repeatWindowHours", RepeatWindowHours, 1, MaxRepeatWindowHours);

    public MissedCallTextBack ToSettings()
    {
        var defaults = new MissedCallTextBack();
        return new()
        {
            Enabled = Enabled ?? false,
            Message = string.IsNullOrWhiteSpace(Message) ? defaults.Message : Message,
            RepeatWindowHours = RepeatWindowHours ?? defaults.RepeatWindowHours,
        };
    }
}

/// <summary>The <c>notices</c> part of the tenant settings.</summary>
public sealed record CallNoticesRequest(CallNoticeRequest? Recording, CallNoticeRequest? AiDisclosure)
{
    public void Validate(RequestValidator check, string prefix)
    {
        Recording?.Validate(check, $"{prefix}.recording");
        AiDisclosure?.Validate(check, $"{prefix}.aiDisclosure");
    }

    public CallNotices ToSettings()
    {
        var defaults = new CallNotices();
        return new()
        {
            Recording = Recording?.ToSettings(defaults.Recording.Message) ?? defaults.Recording,
            AiDisclosure = AiDisclosure?.ToSettings(defaults.AiDisclosure.Message) ?? defaults.AiDisclosure,
        };
    }
}

/// <summary>One notice: on or off, and the words a caller hears.</summary>
public sealed record CallNoticeRequest(bool? Enabled, string? Message)
{
    public const int MaxMessageLength = 500;

    public void Validate(RequestValidator check, string field) =>
        check.Check(Enabled != true || Message is null || !string.IsNullOrWhiteSpace(Message), $"{field}.message", "Required while the notice is on.")
            .Text($"{field}.message", Message, MaxMessageLength);

    public CallNotice ToSettings(string defaultMessage) => new()
    {
        Enabled = Enabled ?? false,
        Message = string.IsNullOrWhiteSpace(Message) ? defaultMessage : Message,
    };
}
