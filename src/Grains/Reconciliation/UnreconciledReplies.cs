using Microsoft.Extensions.Logging;

namespace Receptionist.Grains.Reconciliation;

/// <summary>Without PostgreSQL there is no sweep: a timed-out auto-reply is only logged, as is everything else lost on restart.</summary>
public sealed class UnreconciledReplies(ILogger<UnreconciledReplies> logger) : IPendingReplies
{
    public Task AddAsync(PendingReply reply, DateTimeOffset checkAt, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("The auto-reply to message {MessageSid} timed out; without PostgreSQL it is not reconciled", reply.InReplyTo);
        return Task.CompletedTask;
    }
}
