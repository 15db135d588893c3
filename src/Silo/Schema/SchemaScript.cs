namespace Receptionist.Silo.Schema;

/// <summary>One numbered schema script embedded in the silo (<c>Schema/NNNN_name.sql</c>).</summary>
public sealed record SchemaScript(int Version, string Name, string Sql, string Checksum);
