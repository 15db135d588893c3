using Npgsql;
using Receptionist.Silo.Hosting;
using Receptionist.Silo.Schema;

namespace Receptionist.Silo.Commands;

/// <summary><c>migrate</c>: applies the schema to <c>ConnectionStrings:Postgres</c> and exits (a deployment's one-shot step).</summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration, ILoggerFactory loggerFactory)
    {
        var connectionString = PostgresConnection.Read(configuration)
            ?? throw new StartupException("migrate needs ConnectionStrings:Postgres (for example --ConnectionStrings:Postgres \"Host=...;Username=...;Password=...;Database=...\").");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var applied = await SchemaSetup.ApplyAsync(dataSource, connectionString, loggerFactory);
        Console.WriteLine(applied.Count == 0
            ? $"Schema of {PostgresConnection.Describe(connectionString)} is up to date ({SchemaMigrator.EmbeddedScripts.Count} scripts)."
            : $"Applied {applied.Count} schema script(s) to {PostgresConnection.Describe(connectionString)}: {string.Join(", ", applied)}.");
        return 0;
    }
}
