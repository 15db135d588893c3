using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Receptionist.Silo.Schema;

/// <summary>
/// Applies the embedded, numbered SQL scripts (Orleans' ADO.NET contract, then ours) that the database has not seen
/// yet, each in its own transaction, under a PostgreSQL advisory lock so silos starting at once apply each exactly
/// once. Applied scripts are recorded with their checksum; editing an applied script is refused: add a new one.
/// </summary>
public sealed class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // Arbitrary but fixed: every silo of every version must contend for the same lock.
    private const long AdvisoryLockKey = 0x5EC0_7105_0000_0001;
    private const string ResourcePrefix = "Receptionist.Schema.";

    public static IReadOnlyList<SchemaScript> EmbeddedScripts { get; } = LoadEmbeddedScripts();

    /// <summary>Applies pending scripts; returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<int>> ApplyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(@key)", cancellationToken, ("key", AdvisoryLockKey));
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS receptionist_schema_history (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = await ReadHistoryAsync(connection, cancellationToken);
            var appliedNow = new List<int>();
            foreach (var script in EmbeddedScripts)
            {
                if (applied.TryGetValue(script.Version, out var checksum))
                {
                    if (checksum != script.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"schema script {script.Name} differs from the one applied to this database; scripts are immutable once released, add a new one instead");
                    }

                    continue;
                }

                await ApplyScriptAsync(connection, script, cancellationToken);
                appliedNow.Add(script.Version);
                logger.LogInformation("Applied schema script {SchemaScript}", script.Name);
            }

            return appliedNow;
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None, ("key", AdvisoryLockKey));
        }
    }

    private static async Task ApplyScriptAsync(NpgsqlConnection connection, SchemaScript script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, script.Sql, cancellationToken);
        await ExecuteAsync(connection, "INSERT INTO receptionist_schema_history (version, name, checksum) VALUES (@version, @name, @checksum)",
            cancellationToken, ("version", script.Version), ("name", script.Name), ("checksum", script.Checksum));
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<Dictionary<int, string>> ReadHistoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM receptionist_schema_history", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var history = new Dictionary<int, string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            history[reader.GetInt32(0)] = reader.GetString(1);
        }

        return history;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SchemaScript> LoadEmbeddedScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Load(assembly, name))
            .OrderBy(script => script.Version)
            .ToList();
    }

    private static SchemaScript Load(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var sql = reader.ReadToEnd();
        var name = resourceName[ResourcePrefix.Length..];
        var version = int.Parse(name[..name.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));
        return new SchemaScript(version, name, sql, checksum);
    }
}
