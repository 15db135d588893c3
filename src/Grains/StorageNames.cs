namespace Receptionist.Grains;

public static class StorageNames
{
    /// <summary>The grain storage every grain persists to (ADO.NET on PostgreSQL, or memory when unconfigured).</summary>
    public const string Default = "receptionist";
}
