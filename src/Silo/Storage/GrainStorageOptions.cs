using System.ComponentModel.DataAnnotations;

namespace Receptionist.Silo.Storage;

/// <summary>Which grain storage the durable silo uses, and how large a group commit may grow.</summary>
public sealed class GrainStorageOptions
{
    public const string SectionName = "GrainStorage";

    public GrainStorageProvider Provider { get; set; } = GrainStorageProvider.GroupCommit;

    /// <summary>The most state writes one transaction carries; more wait for the next one.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 256;
}

public enum GrainStorageProvider
{
    /// <summary>Ours: every state write on the silo that is waiting shares the next transaction.</summary>
    GroupCommit,

    /// <summary>Orleans' stock <c>Microsoft.Orleans.Persistence.AdoNet</c>: one transaction per state write.</summary>
    AdoNet,
}
