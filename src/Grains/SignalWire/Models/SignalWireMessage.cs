namespace Receptionist.Grains.SignalWire.Models;

/// <summary>An SMS/MMS as SignalWire's REST API reports it. Statuses: queued, sent, delivered, undelivered, failed, received.</summary>
public sealed record SignalWireMessage
{
    public string Sid { get; init; } = "";

    public string AccountSid { get; init; } = "";

    public string To { get; init; } = "";

    public string From { get; init; } = "";

    public string? Body { get; init; }

    public string Status { get; init; } = "";

    /// <summary><c>inbound</c>, <c>outbound-api</c>, <c>outbound-call</c> or <c>outbound-reply</c>.</summary>
    public string? Direction { get; init; }

    public int? NumSegments { get; init; }

    public int? NumMedia { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public DateTimeOffset? DateCreated { get; init; }

    public DateTimeOffset? DateSent { get; init; }

    public DateTimeOffset? DateUpdated { get; init; }

    public decimal? Price { get; init; }

    public string? PriceUnit { get; init; }

    public string? Uri { get; init; }
}
