using System.Collections.Concurrent;

namespace Receptionist.Grains.Calls;

/// <summary>
/// The live status read of each call whose grain is active on this silo, as the grain last made it durable: the grain
/// publishes it when it activates, after each durable write and when it learns of the call's report, and withdraws it
/// when it deactivates. A read served by the silo that hosts the call is answered from here, without a grain call (the
/// call's round trip through the silo's messaging was about half of what a read cost beyond a health probe); a call
/// active on another silo, or on none, is not here and its grain answers (<see cref="ICallGrain.Read"/>). Nothing here
/// decides anything: it is what the grain would answer at that moment.
/// </summary>
public sealed class ActiveCallReads : IActiveCallReads
{
    private readonly ConcurrentDictionary<string, Publication> reads = new(StringComparer.Ordinal);

    public CallRead? Find(string callSid) => reads.TryGetValue(callSid, out var publication) ? publication.Read : null;

    /// <summary>Replaces the call's read with <paramref name="read"/>, published by the call grain's activation <paramref name="owner"/>.</summary>
    internal void Publish(string callSid, object owner, CallRead read) => reads[callSid] = new Publication(owner, read);

    /// <summary>Withdraws the call's read, if <paramref name="owner"/> published the current one (a later activation's stays).</summary>
    internal void Withdraw(string callSid, object owner)
    {
        if (reads.TryGetValue(callSid, out var publication) && ReferenceEquals(publication.Owner, owner))
        {
            reads.TryRemove(KeyValuePair.Create(callSid, publication));
        }
    }

    /// <summary>A class, compared by reference: withdrawing removes exactly the publication that was read.</summary>
    private sealed class Publication(object owner, CallRead read)
    {
        public object Owner { get; } = owner;

        public CallRead Read { get; } = read;
    }
}
