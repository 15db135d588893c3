using Orleans.Serialization;
using Orleans.Storage;
using Receptionist.Grains;

namespace Receptionist.Silo.Hosting;

public static class GrainStateSerialization
{
    /// <summary>
    /// Stores the <see cref="StorageNames.Default"/> provider's grain states in Orleans' binary format instead of the
    /// default Newtonsoft JSON with CLR type names: several times cheaper per webhook (every accepted webhook rewrites
    /// its call's state), smaller rows, and version-tolerant through the <c>[Id]</c>s every state type already carries
    /// (renaming a class no longer breaks stored rows). Rows written as JSON before the switch still load: the JSON
    /// serializer stays as the fallback reader, and the next write turns them binary.
    /// </summary>
    public static IServiceCollection AddBinaryGrainStateSerializer(this IServiceCollection services) =>
        services.AddKeyedSingleton<IGrainStorageSerializer>(StorageNames.Default, (provider, _) => new GrainStorageSerializer(
            new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>()),
            provider.GetRequiredService<IGrainStorageSerializer>()));
}
