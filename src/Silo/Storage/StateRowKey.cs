using System.Text;
using Orleans.Storage;

namespace Receptionist.Silo.Storage;

/// <summary>
/// Where one grain state lives in <c>OrleansStorage</c>: the same columns and hashes the stock ADO.NET provider
/// computes, so either provider reads what the other wrote and a deployment can switch between them.
/// </summary>
internal readonly record struct StateRowKey(int GrainIdHash, long GrainIdN0, long GrainIdN1, int GrainTypeHash, string GrainTypeString, string? GrainIdExtension)
{
    private static readonly OrleansDefaultHasher Hasher = new();

    public static StateRowKey For(string stateName, GrainId grainId)
    {
        if (stateName.Contains('`', StringComparison.Ordinal))
        {
            // The stock provider rewrites generic type names; state names are plain words here.
            throw new ArgumentException($"State name '{stateName}' contains '`'; use a plain state name.", nameof(stateName));
        }

        var typeHash = Hasher.Hash(Encoding.UTF8.GetBytes(stateName));
        if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
        {
            var bytes = guid.ToByteArray();
            return new StateRowKey(HashOf(bytes, guidExtension), BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), typeHash, stateName, guidExtension);
        }

        if (grainId.TryGetIntegerKey(out var integer, out var integerExtension))
        {
            return new StateRowKey(HashOf(BitConverter.GetBytes(integer), integerExtension), 0, integer, typeHash, stateName, integerExtension);
        }

        var key = grainId.Key.ToString()!;
        return new StateRowKey(HashOf([], key), 0, 0, typeHash, stateName, key);
    }

    /// <summary>The key bytes, then the extension's UTF-8 bytes, all reversed on little-endian machines (as upstream).</summary>
    private static int HashOf(byte[] keyBytes, string? extension)
    {
        byte[] bytes = extension is null ? keyBytes : [.. keyBytes, .. Encoding.UTF8.GetBytes(extension)];
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(bytes);
        }

        return Hasher.Hash(bytes);
    }

    public override string ToString() => GrainIdN0 == 0 && GrainIdN1 == 0 ? GrainIdExtension ?? "" : $"{GrainIdN0:x}{GrainIdN1:x}#{GrainIdExtension}";
}
