using Npgsql;

namespace Receptionist.Silo.Hosting;

/// <summary>The optional PostgreSQL connection: its presence switches clustering and storage to ADO.NET.</summary>
public static class PostgresConnection
{
    public const string Name = "Postgres";

    /// <summary>The validated connection string, or null for the embedded (non-durable) mode.</summary>
    public static string? Read(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString(Name);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            if (string.IsNullOrEmpty(builder.Host))
            {
                throw new StartupException("ConnectionStrings:Postgres has no Host.");
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"ConnectionStrings:Postgres is not a valid Npgsql connection string: {e.Message}", e);
        }
    }

    /// <summary>Host and port, for messages (never the password).</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
