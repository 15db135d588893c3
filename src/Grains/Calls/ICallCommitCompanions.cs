using Receptionist.Grains.Storage;

namespace Receptionist.Grains.Calls;

/// <summary>
/// How another feature writes rows that must commit with a call's state (an outbox row for each status change, say):
/// register an implementation (<c>services.AddSingleton&lt;ICallCommitCompanions, ...&gt;()</c>) and the call grain
/// asks every one of them, on each of its durable writes, for companions to add. They commit in the call state's
/// transaction (never without it, never for a stale writer), or right after the state on a storage that cannot join
/// them, as the call's own log row does; the webhook is acknowledged only once they are durable. Keep them cheap: they
/// run on the call grain's turn, once per write, and should look anything up only when the change concerns them.
/// </summary>
public interface ICallCommitCompanions
{
    /// <param name="before">The call as last made durable (null: no event was committed yet).</param>
    /// <param name="after">The call as this write makes it.</param>
    ValueTask<IReadOnlyList<ICommitCompanion>> ForAsync(CallDetails? before, CallDetails after);

    /// <summary>After the write that carried <paramref name="written"/> (those this returned, never empty) committed.</summary>
    void Committed(CallDetails after, IReadOnlyList<ICommitCompanion> written)
    {
    }
}
