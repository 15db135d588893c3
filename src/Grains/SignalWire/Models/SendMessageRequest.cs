namespace Receptionist.Grains.SignalWire.Models;

/// <summary>An outbound SMS (body only) or MMS (with media URLs, up to 8).</summary>
public sealed record SendMessageRequest(string To, string From)
{
    public string? Body { get; init; }

    public IReadOnlyList<Uri> MediaUrls { get; init; } = [];

    public Uri? StatusCallback { get; init; }
}
