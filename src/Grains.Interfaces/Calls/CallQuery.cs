namespace Receptionist.Grains.Calls;

/// <summary>A page request over one tenant's call log, newest first.</summary>
[GenerateSerializer, Immutable, Alias("call-query")]
public sealed record CallQuery
{
    [Id(0)] public required string TenantId { get; init; }

    /// <summary>Empty: any status.</summary>
    [Id(1)] public IReadOnlyList<CallStatus> Statuses { get; init; } = [];

    /// <summary><c>inbound</c>, <c>outbound</c>, or null for both.</summary>
    [Id(2)] public string? Direction { get; init; }

    /// <summary>Calls from or to this number.</summary>
    [Id(3)] public string? Number { get; init; }

    /// <summary>Created at or after.</summary>
    [Id(4)] public DateTimeOffset? Since { get; init; }

    /// <summary>Created before.</summary>
    [Id(5)] public DateTimeOffset? Until { get; init; }

    [Id(6)] public int Limit { get; init; } = 50;

    /// <summary>Continue after this call (the last one of the previous page).</summary>
    [Id(7)] public CallCursor? After { get; init; }
}

/// <summary>A position in the newest-first order: (created at, call SID) is unique and stable.</summary>
[GenerateSerializer, Immutable, Alias("call-cursor")]
public sealed record CallCursor(
    [property: Id(0)] DateTimeOffset CreatedAt,
    [property: Id(1)] string CallSid);

/// <summary>One page; <see cref="Next"/> is null on the last.</summary>
[GenerateSerializer, Immutable, Alias("call-page")]
public sealed record CallPage(
    [property: Id(0)] IReadOnlyList<CallSummary> Calls,
    [property: Id(1)] CallCursor? Next);
