namespace Receptionist.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run, shared by the <see cref="PostgresCollection"/>. When it cannot be
/// started the tests that need it fail with the reason; they never skip (CI must not go green without a database).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? server;
    private int databases;

    public PostgresServer Server => server ?? throw new InvalidOperationException("PostgreSQL was not started.");

    /// <summary>A fresh, empty database, so tests never see each other's clusters or state.</summary>
    public Task<string> CreateDatabaseAsync(string purpose) =>
        Server.CreateDatabaseAsync($"{purpose.ToLowerInvariant()}_{Interlocked.Increment(ref databases)}");

    public async Task InitializeAsync()
    {
        try
        {
            server = await PostgresServer.StartAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"Could not start a throwaway PostgreSQL from the local initdb/pg_ctl (PostgreSQL 15 server binaries must be on PATH): {e.Message}", e);
        }
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
