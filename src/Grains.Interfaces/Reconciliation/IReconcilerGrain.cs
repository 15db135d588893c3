namespace Receptionist.Grains.Reconciliation;

/// <summary>
/// One sweeper of calls and messages that never received a final status (key: <see cref="Key"/>, one per shard). Its
/// Orleans reminder makes it run on some silo every tick, exactly once across the cluster.
/// </summary>
[Alias("reconciler")]
public interface IReconcilerGrain : IGrainWithStringKey
{
    public static string Key(int shard) => $"reconciler/{shard}";

    /// <summary>Registers the sweeper's reminder unless it exists: every silo asks on start, the first one registers it.</summary>
    [Alias("start")]
    Task Start();
}
