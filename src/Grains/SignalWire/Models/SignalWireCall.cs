namespace Receptionist.Grains.SignalWire.Models;

/// <summary>A call as SignalWire's REST API reports it. Statuses: queued, ringing, in-progress, completed, busy, failed, no-answer, canceled.</summary>
public sealed record SignalWireCall
{
    public string Sid { get; init; } = "";

    public string AccountSid { get; init; } = "";

    public string? ParentCallSid { get; init; }

    public string To { get; init; } = "";

    public string From { get; init; } = "";

    public string Status { get; init; } = "";

    /// <summary><c>inbound</c> or <c>outbound</c> here; webhooks say <c>outbound-api</c>/<c>outbound-dial</c>.</summary>
    public string? Direction { get; init; }

    public DateTimeOffset? DateCreated { get; init; }

    public DateTimeOffset? DateUpdated { get; init; }

    public DateTimeOffset? StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Seconds, once the call has ended.</summary>
    public int? Duration { get; init; }

    /// <summary>As reported; its sign differs between resources and doc versions, so use its absolute value as a cost.</summary>
    public decimal? Price { get; init; }

    public string? PriceUnit { get; init; }

    /// <summary><c>human</c>, <c>machine</c> or null (answering-machine detection).</summary>
    public string? AnsweredBy { get; init; }

    public string? Uri { get; init; }
}
