namespace Receptionist.Grains.Calls;

/// <summary>
/// The order a call's events are folded in: by when SignalWire says they happened, then by how far along the call they
/// are (timestamps have one-second resolution), then SignalWire's sequence number; the key breaks any remaining tie so
/// the order is total and the fold is the same whatever order the events arrived in.
/// </summary>
public sealed class CallEventOrder : IComparer<CallEvent>
{
    public static CallEventOrder Instance { get; } = new();

    public int Compare(CallEvent? x, CallEvent? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var byTime = x.OccurredAt.CompareTo(y.OccurredAt);
        if (byTime != 0)
        {
            return byTime;
        }

        var byRank = Rank(x).CompareTo(Rank(y));
        if (byRank != 0)
        {
            return byRank;
        }

        var bySequence = (x.SequenceNumber ?? -1).CompareTo(y.SequenceNumber ?? -1);
        return bySequence != 0 ? bySequence : string.CompareOrdinal(x.DeduplicationKey, y.DeduplicationKey);
    }

    private static int Rank(CallEvent e) => e.Status is { } status ? status.Rank() : int.MaxValue;
}
