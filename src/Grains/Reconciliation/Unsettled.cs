namespace Receptionist.Grains.Reconciliation;

/// <summary>What a sweep checks: a call, a message, or an auto-reply whose send timed out (see <see cref="Unsettled"/>).</summary>
public enum UnsettledKind
{
    Call,
    Message,
    Reply,
}

/// <summary>
/// A call or message the log shows without a final status, old enough to ask SignalWire about; for a
/// <see cref="UnsettledKind.Reply"/>, <see cref="Sid"/> is the inbound message's and From/To/Body identify the reply.
/// </summary>
public sealed record Unsettled(UnsettledKind Kind, string Sid, string TenantId, DateTimeOffset CreatedAt, int Checks,
    string? From = null, string? To = null, string? Body = null);

/// <summary>What one check concluded.</summary>
public enum CheckOutcome
{
    /// <summary>A final status was applied (or the record needs nothing more): never checked again.</summary>
    Settled,

    /// <summary>SignalWire still reports it live (or not final): checked again later.</summary>
    StillOpen,

    /// <summary>SignalWire answers 404 for the SID: never checked again, the status stays as last known.</summary>
    Unknown,
}

/// <summary>An auto-reply whose send to SignalWire timed out: whether SignalWire created it is not known yet.</summary>
public sealed record PendingReply(string InReplyTo, string TenantId, string From, string To, string Body, DateTimeOffset SentAt);
