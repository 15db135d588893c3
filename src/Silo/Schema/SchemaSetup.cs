using Npgsql;
using Receptionist.Silo.Hosting;

namespace Receptionist.Silo.Schema;

public static class SchemaSetup
{
    /// <summary>Applies the schema before the silo starts (Orleans reads its queries from it at start-up).</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(NpgsqlDataSource dataSource, string connectionString, ILoggerFactory loggerFactory)
    {
        try
        {
            return await new SchemaMigrator(dataSource, loggerFactory.CreateLogger<SchemaMigrator>()).ApplyAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            throw new StartupException($"cannot apply the schema to PostgreSQL at {PostgresConnection.Describe(connectionString)}: {e.Message}", e);
        }
    }
}
