namespace Receptionist.Grains.SignalWire.Models;

/// <summary>Filters for listing messages; SignalWire returns the newest first.</summary>
public sealed record MessageQuery
{
    public string? To { get; init; }

    public string? From { get; init; }

    /// <summary>Messages sent on this UTC day.</summary>
    public DateOnly? DateSent { get; init; }

    /// <summary>Stop after this many messages, whatever the number of pages.</summary>
    public int MaxResults { get; init; } = 1000;

    public int PageSize { get; init; } = 50;
}
