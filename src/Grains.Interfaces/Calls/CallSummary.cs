namespace Receptionist.Grains.Calls;

/// <summary>
/// A call as the call log lists it and the live stream pushes it. <see cref="Version"/> is the number of events the
/// call has accepted: it only grows, so a writer can refuse to overwrite a newer row with an older one.
/// </summary>
[GenerateSerializer, Immutable, Alias("call-summary")]
public sealed record CallSummary
{
    [Id(0)] public required string CallSid { get; init; }

    [Id(1)] public required string TenantId { get; init; }

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    [Id(2)] public required string Direction { get; init; }

    [Id(3)] public required CallStatus Status { get; init; }

    [Id(4)] public string? From { get; init; }

    [Id(5)] public string? To { get; init; }

    [Id(6)] public required DateTimeOffset CreatedAt { get; init; }

    [Id(7)] public DateTimeOffset? RangAt { get; init; }

    [Id(8)] public DateTimeOffset? AnsweredAt { get; init; }

    [Id(9)] public DateTimeOffset? EndedAt { get; init; }

    [Id(10)] public int? DurationSeconds { get; init; }

    [Id(11)] public decimal? Price { get; init; }

    [Id(12)] public string? PriceUnit { get; init; }

    [Id(13)] public string? AnsweredBy { get; init; }

    [Id(14)] public required int Version { get; init; }
}
