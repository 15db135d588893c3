using Npgsql;

namespace Receptionist.Silo.Storage;

/// <summary>
/// The group-commit storage's connection pool: its few statements (the state write, each companion group's, the
/// coalesced read, the clear) prepared once per connection, no session reset, and generic plans once the state table
/// has grown.
/// </summary>
internal static class StorageDataSource
{
    /// <summary>
    /// A connection decides its plan mode when it opens; recycling connections lets a pool opened on a young database
    /// switch to generic plans once the table has grown.
    /// </summary>
    private const int ConnectionLifetimeSeconds = 60;

    /// <summary>
    /// Prepared alone is not enough: for a statement whose input is arrays, PostgreSQL's custom plan (which knows their
    /// length) always looks cheaper than the generic one (which guesses 100 rows), so it planned the state write (~0.5 ms)
    /// and the read (~0.25 ms) again on every execution, about a third of the server's CPU per webhook at 32 connections.
    /// A generic plan is kept for the connection's life, though, and one made while the table was nearly empty scans it
    /// (measured: 0.5 s per read once the table held 300 000 rows, until an ANALYZE replaced it). So a connection asks for
    /// generic plans only when the state table is already large, and on a young database for custom plans only, which
    /// see the tables' current sizes every time: PostgreSQL's own choice there (generic after five executions, for the
    /// call-log and analytics statements) made the first minute of a fresh database several times slower until the first
    /// autovacuum ANALYZE. From 8 MB on, the generic plans of the state write and the read are index lookups whatever
    /// the statistics say (checked down to ~1 MB, with and without ANALYZE).
    /// </summary>
    private const string ChoosePlanModeSql = """
        SELECT set_config('plan_cache_mode',
                          CASE WHEN pg_relation_size(to_regclass('orleansstorage')) >= pg_size_bytes('8 MB')
                               THEN 'force_generic_plan' ELSE 'force_custom_plan' END,
                          false)
        """;

    /// <remarks>
    /// This pool's connections change no other session state (no locks, LISTEN or temp tables; an open transaction is
    /// still rolled back on close), so the reset Npgsql would otherwise send with each connection's next use is skipped:
    /// it was five statements per state read or commit, and it would undo the plan mode.
    /// </remarks>
    public static NpgsqlDataSource Create(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 16;
        }

        if (settings.ConnectionLifetime == 0)
        {
            settings.ConnectionLifetime = ConnectionLifetimeSeconds;
        }

        settings.NoResetOnClose = true;
        builder.UsePhysicalConnectionInitializer(ChoosePlanMode, ChoosePlanModeAsync);
        return builder.Build();
    }

    private static void ChoosePlanMode(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(ChoosePlanModeSql, connection);
        command.ExecuteNonQuery();
    }

    private static async Task ChoosePlanModeAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(ChoosePlanModeSql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
