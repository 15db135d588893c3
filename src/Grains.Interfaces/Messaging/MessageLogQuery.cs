namespace Receptionist.Grains.Messaging;

/// <summary>A page request over one tenant's message log, newest first.</summary>
[GenerateSerializer, Immutable, Alias("message-log-query")]
public sealed record MessageLogQuery
{
    [Id(0)] public required string TenantId { get; init; }

    /// <summary>Empty: any status.</summary>
    [Id(1)] public IReadOnlyList<MessageStatus> Statuses { get; init; } = [];

    /// <summary><c>inbound</c>, <c>outbound</c>, or null for both.</summary>
    [Id(2)] public string? Direction { get; init; }

    /// <summary>Messages from or to this number.</summary>
    [Id(3)] public string? Number { get; init; }

    /// <summary>Created at or after.</summary>
    [Id(4)] public DateTimeOffset? Since { get; init; }

    /// <summary>Created before.</summary>
    [Id(5)] public DateTimeOffset? Until { get; init; }

    [Id(6)] public int Limit { get; init; } = 50;

    /// <summary>Continue after this message (the last one of the previous page).</summary>
    [Id(7)] public MessageLogCursor? After { get; init; }
}

/// <summary>A position in the newest-first order: (created at, message SID) is unique and stable.</summary>
[GenerateSerializer, Immutable, Alias("message-log-cursor")]
public sealed record MessageLogCursor(
    [property: Id(0)] DateTimeOffset CreatedAt,
    [property: Id(1)] string MessageSid);

/// <summary>One page; <see cref="Next"/> is null on the last.</summary>
[GenerateSerializer, Immutable, Alias("message-log-page")]
public sealed record MessageLogPage(
    [property: Id(0)] IReadOnlyList<MessageSummary> Messages,
    [property: Id(1)] MessageLogCursor? Next);
